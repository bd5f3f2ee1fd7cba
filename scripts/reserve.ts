/**
 * Lays lane reservations from a street profile on street segments of the configured store, in one transaction.
 * Stop the server first when it runs on the embedded store (one process at a time).
 *
 *   npm run reserve -- --segments hudsonstraat-1,hudsonstraat-2 [--profile residential-16m] [--owner "Gemeente Rotterdam"] [--json]
 *   npm run reserve -- --bbox 89400,436000,89700,436400 [--crs EPSG:4326]
 */
import { parseArgs } from 'node:util';
import { generateReservations } from '../server/app/generate-reservations.ts';
import { readConfig } from '../server/config.ts';
import { type BBox, KNOWN_CRS_NAMES, RD_NEW, bboxToRd, parseCrs } from '../server/geo/crs.ts';
import { render } from '../server/messages/render.ts';
import { readProfilesDir } from '../server/profiles-file.ts';
import { openStore } from '../server/store/index.ts';

const usage = 'usage: npm run reserve -- (--segments id,id | --bbox minx,miny,maxx,maxy [--crs EPSG:28992]) [--profile id] [--owner organisation] [--json]';
const { values } = parseArgs({
  options: {
    segments: { type: 'string' },
    bbox: { type: 'string' },
    crs: { type: 'string' },
    profile: { type: 'string' },
    owner: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`reserve: ${message}`);
  process.exit(2);
}

const config = (() => {
  try {
    return readConfig();
  } catch (error) {
    fail((error as Error).message);
  }
})();
const profiles = (() => {
  try {
    return readProfilesDir(config.profilesDir);
  } catch (error) {
    fail((error as Error).message);
  }
})();
if (values.profile && !profiles.some((p) => p.id === values.profile)) fail(`--profile ${values.profile} does not exist; the profiles are ${profiles.map((p) => p.id).join(', ')} (in ${config.profilesDir})`);
const segments = values.segments?.split(',').map((s) => s.trim()).filter(Boolean);
if (!segments?.length && !values.bbox) fail(`--segments or --bbox is required\n${usage}`);
const crs = values.crs === undefined ? RD_NEW : parseCrs(values.crs);
if (!crs) fail(`--crs ${values.crs} is not supported; use one of ${KNOWN_CRS_NAMES.join(', ')}`);
let bbox: BBox | undefined;
if (values.bbox) {
  const v = values.bbox.split(',').map(Number);
  if (v.length !== 4 || !v.every(Number.isFinite) || !(v[0]! < v[2]! && v[1]! < v[3]!)) fail(`--bbox ${values.bbox} is not minx,miny,maxx,maxy (four numbers, min below max) in ${crs}`);
  bbox = bboxToRd(v as BBox, crs);
}

const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
try {
  // No principal: whoever runs the CLI holds the store's files, as with npm run import.
  const result = await generateReservations(store, undefined, { profiles, maxSegments: config.reserveMaxSegments }, {
    owner: values.owner ?? config.adminOrganisation,
    ...(values.profile ? { profile: values.profile } : {}),
    ...(segments?.length ? { segments } : {}),
    ...(bbox ? { bbox } : {}),
  });
  if (!result.ok) {
    if (result.reason === 'too-many') fail(`${result.count} street segments asked for, more than the limit of ${result.max}; ask in parts or set ONDERGROND_RESERVE_MAX_SEGMENTS`);
    if (result.reason === 'forbidden') fail(render(result.refusal, 'en'));
    fail(result.errors.map((e) => `${e.field}: ${render(e, 'en')}`).join('; '));
  }
  if (values.json) {
    console.log(JSON.stringify({ created: result.created, updated: result.updated, unchanged: result.unchanged, removed: result.removed, segments: result.segments }, null, 2));
  } else {
    for (const s of result.segments) {
      const width = `${s.width_m} m${s.widthAssumed ? ' (assumed)' : ''}`;
      console.log(`  ${s.segment.padEnd(20)} ${s.profile.padEnd(16)} by ${s.by.padEnd(11)} ${width.padEnd(16)} ${s.reservations.length} lanes${s.leftOut.length ? `, left out: ${s.leftOut.join(', ')}` : ''}`);
    }
    console.log(`${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged, ${result.removed.length} removed`);
  }
} finally {
  await store.close();
}
