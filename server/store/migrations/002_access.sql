-- Organisations, their API tokens (only a SHA-256 of each token is stored) and the audit log of every write.
CREATE TABLE organisations (
  id         text        PRIMARY KEY,
  name       text        NOT NULL UNIQUE,
  kind       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tokens (
  id           text        PRIMARY KEY,
  hash         text        NOT NULL UNIQUE,
  org_id       text        NOT NULL REFERENCES organisations (id),
  role         text        NOT NULL CHECK (role IN ('admin', 'engineer', 'submitter', 'planner', 'viewer')),
  label        text        NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

CREATE TABLE audit_log (
  seq            bigserial   PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  token_id       text,
  organisation   text,
  role           text,
  action         text        NOT NULL,
  object_type    text        NOT NULL,
  object_id      text        NOT NULL,
  before_version integer,
  after_version  integer,
  detail         jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);
