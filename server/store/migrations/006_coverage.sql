-- Where each layer is known (issue 13): a KLIC delivery's Graafpolygoon per consulted operator, a register's area,
-- the demo district. Outside every area of a layer the check reports unknown ground. A re-import of the same source
-- replaces its rows.
CREATE TABLE coverage_areas (
  source      text        NOT NULL,
  layer       text        NOT NULL,
  owner       text        NOT NULL DEFAULT '',
  kind        text        NOT NULL CHECK (kind IN ('graafpolygoon', 'orientatiepolygoon', 'declared', 'hull', 'district')),
  themes      text[],
  geom        geometry(Geometry, 28992) NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coverage_areas_geom_idx ON coverage_areas USING gist (geom);
CREATE INDEX coverage_areas_source_idx ON coverage_areas (source);

-- KLIC AanduidingEisVoorzorgsmaatregel: the operator demands precautions before anyone digs there.
CREATE TABLE precaution_zones (
  source      text        NOT NULL,
  id          text        NOT NULL,
  owner       text        NOT NULL DEFAULT '',
  layer       text        NOT NULL,
  demand      text        NOT NULL,
  properties  jsonb       NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Geometry, 28992) NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, id)
);
CREATE INDEX precaution_zones_geom_idx ON precaution_zones USING gist (geom);
