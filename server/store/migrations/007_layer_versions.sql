-- A version per layer, bumped by every statement that writes features of that layer: the ETag of the layer's
-- vector tiles, read in one index lookup instead of scanning the layer for its newest change. Statement-level
-- triggers with transition tables, so an import of 5 000 features bumps once per batch, not once per row.
-- A new layer's version starts at the clock in milliseconds, so a store created again does not repeat the ETags a
-- browser cached from the one before. (The function body stays on one line: migrations are split at semicolons
-- that end a line.)
CREATE TABLE layer_versions (
  layer   text   PRIMARY KEY,
  version bigint NOT NULL
);

INSERT INTO layer_versions (layer, version) SELECT layer, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT DISTINCT layer FROM features) f;

CREATE FUNCTION bump_layer_versions() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'DELETE' THEN INSERT INTO layer_versions AS v (layer, version) SELECT layer, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT DISTINCT layer FROM changed_old) c ON CONFLICT (layer) DO UPDATE SET version = v.version + 1; ELSE INSERT INTO layer_versions AS v (layer, version) SELECT layer, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT DISTINCT layer FROM changed_new) c ON CONFLICT (layer) DO UPDATE SET version = v.version + 1; END IF; RETURN NULL; END $$;

CREATE TRIGGER features_inserted AFTER INSERT ON features REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_versions();
CREATE TRIGGER features_updated AFTER UPDATE ON features REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_versions();
CREATE TRIGGER features_deleted AFTER DELETE ON features REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_versions();
