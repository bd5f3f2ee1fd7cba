-- Stored check reports, with the rule set they were made under, and heat-route submissions with their history.
CREATE TABLE checks (
  id               text        PRIMARY KEY,
  created_at       timestamptz NOT NULL DEFAULT now(),
  organisation     text        NOT NULL,
  rule_set_id      text        NOT NULL,
  rule_set_version text        NOT NULL,
  trench           jsonb       NOT NULL,
  report           jsonb       NOT NULL
);

CREATE TABLE routes (
  id              text        PRIMARY KEY,
  name            text        NOT NULL,
  owner           text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
  version         integer     NOT NULL DEFAULT 1,
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  decided_at      timestamptz,
  decided_by      text,
  decision_reason text,
  feature         jsonb       NOT NULL,
  report          jsonb       NOT NULL,
  geom            geometry(Geometry, 28992) NOT NULL
);
CREATE INDEX routes_owner_idx ON routes (owner);

-- One row per event: each submitted version with its report, and each decision.
CREATE TABLE route_history (
  route_id text        NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
  seq      integer     NOT NULL,
  version  integer     NOT NULL,
  event    text        NOT NULL CHECK (event IN ('submitted', 'approved', 'rejected')),
  at       timestamptz NOT NULL DEFAULT now(),
  actor    text,
  reason   text,
  feature  jsonb,
  report   jsonb,
  PRIMARY KEY (route_id, seq)
);
