/**
 * Checks a trench design or heat route against the local store and prints the report; exits 1 when any conflict
 * is blocking (for design pipelines), 2 when the input or the rule file cannot be used. Stop the server first when
 * it runs on the embedded store (one process at a time).
 *
 *   npm run check -- trench.geojson [--rules data/rules/nl-default.json] [--format json|text] [--crs EPSG:28992]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCheck } from '../server/app/run-check.ts';
import { readConfig } from '../server/config.ts';
import type { CheckReport, Conflict } from '../server/domain/check/check.types.ts';
import { type Crs, KNOWN_CRS_NAMES, RD_NEW, WGS84, crsMember, parseCrs, roundGeometry, transformGeometry } from '../server/geo/crs.ts';
import { cm } from '../server/domain/check/rule-context.ts';
import { readRuleSetFile } from '../server/rules-file.ts';
import { openStore } from '../server/store/index.ts';

const usage = 'usage: npm run check -- <trench.geojson> [--rules file.json] [--format json|text] [--crs EPSG:28992]';

function fail(message: string): never {
  console.error(`check: ${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { rules: { type: 'string' }, format: { type: 'string', default: 'text' }, crs: { type: 'string' } } });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const { positionals, values } = parsed;
const [file] = positionals;
if (!file) fail(`a trench file is required\n${usage}`);
if (values.format !== 'json' && values.format !== 'text') fail(`--format ${values.format} is not known; use json or text`);

const config = readConfig();
let rules;
try {
  rules = readRuleSetFile(values.rules ?? config.rulesFile);
} catch (error) {
  fail((error as Error).message);
}

let input: unknown;
try {
  input = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  fail(e.code ? `${file} cannot be read (${e.code})` : `${file} is not valid JSON (${e.message}); send a GeoJSON Feature or FeatureCollection`);
}
const member = crsMember(input);
if (member && 'unknown' in member) fail(`${file}: crs member names ${member.unknown}, which is not supported; use one of ${KNOWN_CRS_NAMES.join(', ')}`);
const flag = values.crs === undefined ? undefined : parseCrs(values.crs);
if (values.crs !== undefined && !flag) fail(`--crs ${values.crs} is not supported; use one of ${KNOWN_CRS_NAMES.join(', ')}`);
const crs: Crs = flag ?? member?.crs ?? WGS84;

const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
const result = await runCheck(store, rules, input, crs).finally(() => store.close());
if (!result.ok) fail(`${file} is not a trench that can be checked:\n${result.errors.map((e) => `  ${e.field}: ${e.reason}`).join('\n')}`);
const report: CheckReport = result.report;

const decimals = crs === RD_NEW ? 3 : 9;
const conflicts = report.conflicts.map((c) => ({ ...c, location: roundGeometry(transformGeometry(c.location, RD_NEW, crs), decimals) }));
if (values.format === 'json') {
  console.log(JSON.stringify({ ...report, conflicts }, null, 2));
} else {
  const s = report.summary;
  console.log(`${file}: ${s.trenchLength_m.toFixed(1)} m checked against ${s.assetsConsidered} assets with ${report.ruleSet.id} ${report.ruleSet.version}`);
  console.log(`  ${s.bySeverity.blocking} blocking, ${s.bySeverity.warning} warning, ${s.bySeverity.info} info; ${s.treeZoneLength_m.toFixed(1)} m inside tree zones`);
  for (const c of report.conflicts) console.log(line(c));
}
process.exit(report.summary.bySeverity.blocking > 0 ? 1 : 0);

function line(c: Conflict): string {
  const at = c.chainage_from_m === null ? 'footprint' : `${c.chainage_from_m.toFixed(1)}–${c.chainage_to_m!.toFixed(1)} m`;
  const numbers = c.measured_m === null ? (c.angle_deg !== undefined ? `angle ${c.angle_deg}°` : '') : `measured ${cm(c.measured_m)} / required ${c.required_m === null ? '–' : cm(c.required_m)} m`;
  const flag = c.depth_source === 'assumed' ? ' [assumed depth]' : '';
  return `${c.severity.toUpperCase().padEnd(8)} ${c.rule.padEnd(20)} ${at.padEnd(16)} ${c.layer}/${c.assetId} (${c.owner}) ${numbers}${flag}\n         ${c.explanation}`;
}
