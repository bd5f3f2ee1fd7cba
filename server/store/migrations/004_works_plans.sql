-- Planned works (one party's job on one or more streets) and computed plans with the options they used.
CREATE TABLE works (
  id         text        PRIMARY KEY,
  type       text        NOT NULL,
  owner      text        NOT NULL,
  version    integer     NOT NULL DEFAULT 1,
  properties jsonb       NOT NULL DEFAULT '{}'::jsonb,
  geom       geometry(Geometry, 28992) NOT NULL,
  source     text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX works_geom_idx ON works USING gist (geom);

CREATE TABLE plans (
  id           text        PRIMARY KEY,
  created_at   timestamptz NOT NULL DEFAULT now(),
  organisation text        NOT NULL,
  options      jsonb       NOT NULL,
  plan         jsonb       NOT NULL
);
