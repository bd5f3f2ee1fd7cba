import { parseArgs } from 'node:util';
import { generateReservations } from '../../server/app/generate-reservations.ts';
import { readConfig } from '../../server/config.ts';
import { type BBox, KNOWN_CRS_NAMES, RD_NEW, bboxToRd, parseCrs } from '../../server/geo/crs.ts';
import { render } from '../../server/messages/render.ts';
import { readProfilesDir } from '../../server/profiles-file.ts';
import { type CliProgram, type Fail, failer, orFail } from './program.ts';

const usage = 'usage: npm run reserve -- (--segments id,id | --bbox minx,miny,maxx,maxy [--crs EPSG:28992]) [--profile id] [--owner organisation] [--json]';

/**
 * Lays lane reservations from a street profile on street segments, in one transaction; 2 when the input cannot
 * be used.
 *
 * @example await reserve(['--segments', 'hudsonstraat-1', '--profile', 'residential-16m'], io) // 0
 */
export const reserve: CliProgram = async (argv, io) => {
  const fail: Fail = failer('reserve', io);
  const { values } = orFail(() => parseArgs({
    args: argv,
    options: {
      segments: { type: 'string' },
      bbox: { type: 'string' },
      crs: { type: 'string' },
      profile: { type: 'string' },
      owner: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  }), fail, usage);

  const config = orFail(() => readConfig(io.env), fail);
  const profiles = orFail(() => readProfilesDir(config.profilesDir), fail);
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

  // No principal: whoever runs the CLI holds the store's files, as with npm run import.
  const result = await io.withStore((store) => generateReservations(store, undefined, { profiles, maxSegments: config.reserveMaxSegments }, {
    owner: values.owner ?? config.adminOrganisation,
    ...(values.profile ? { profile: values.profile } : {}),
    ...(segments?.length ? { segments } : {}),
    ...(bbox ? { bbox } : {}),
  }));
  if (!result.ok) {
    if (result.reason === 'too-many') fail(`${result.count} street segments asked for, more than the limit of ${result.max}; ask in parts or set ONDERGROND_RESERVE_MAX_SEGMENTS`);
    if (result.reason === 'forbidden') fail(render(result.refusal, 'en'));
    fail(result.errors.map((e) => `${e.field}: ${render(e, 'en')}`).join('; '));
  }
  if (values.json) {
    io.out(JSON.stringify({ created: result.created, updated: result.updated, unchanged: result.unchanged, removed: result.removed, segments: result.segments }, null, 2));
  } else {
    for (const s of result.segments) {
      const width = `${s.width_m} m${s.widthAssumed ? ' (assumed)' : ''}`;
      io.out(`  ${s.segment.padEnd(20)} ${s.profile.padEnd(16)} by ${s.by.padEnd(11)} ${width.padEnd(16)} ${s.reservations.length} lanes${s.leftOut.length ? `, left out: ${s.leftOut.join(', ')}` : ''}`);
    }
    io.out(`${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged, ${result.removed.length} removed`);
  }
  return 0;
};
