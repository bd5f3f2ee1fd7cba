-- Request counts of the rate limits (issue 16), shared by every server on one PostgreSQL so a client is limited
-- once, not once per server. UNLOGGED: a count lost in a crash only gives a client a fresh minute, and skipping the
-- write-ahead log keeps the one write every API request makes cheap. The embedded store counts in memory and leaves
-- this table empty.
CREATE UNLOGGED TABLE rate_limits (
  key      text        PRIMARY KEY,
  hits     integer     NOT NULL,
  reset_at timestamptz NOT NULL
);
