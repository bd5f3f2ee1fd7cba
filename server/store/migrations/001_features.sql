-- Assets of every layer in one table: the check searches all layers around a trench in one GiST lookup.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE features (
  layer      text        NOT NULL,
  id         text        NOT NULL,
  owner      text        NOT NULL,
  status     text        NOT NULL CHECK (status IN ('existing', 'planned', 'abandoned')),
  version    integer     NOT NULL DEFAULT 1,
  properties jsonb       NOT NULL DEFAULT '{}'::jsonb,
  geom       geometry(Geometry, 28992) NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (layer, id)
);

CREATE INDEX features_geom_idx ON features USING gist (geom);
CREATE INDEX features_owner_idx ON features (owner);
