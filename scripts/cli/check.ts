import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCheck } from '../../server/app/run-check.ts';
import { readConfig } from '../../server/config.ts';
import { type CheckReport, type Conflict, SEVERITIES } from '../../server/domain/check/check.types.ts';
import { msg } from '../../server/domain/message.ts';
import { type Crs, KNOWN_CRS_NAMES, RD_NEW, WGS84, crsMember, parseCrs, roundGeometry, transformGeometry } from '../../server/geo/crs.ts';
import { type Language, LANGUAGES, isLanguage } from '../../server/messages/language.ts';
import { explainReport, explanationOf, verdictOf } from '../../server/messages/report.ts';
import { render, translator } from '../../server/messages/render.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { type CliProgram, type Fail, failer, orFail } from './program.ts';

const usage = 'usage: npm run check -- <trench.geojson> [--rules file.json] [--format json|text] [--crs EPSG:28992] [--lang nl|en]';

/**
 * Checks a trench design or heat route against the store and prints the report; 1 when any conflict is blocking
 * (for design pipelines), 2 when the input or the rule file cannot be used.
 *
 * @example await check(['route.geojson', '--lang', 'en'], io) // 1 when the route meets a blocking conflict
 */
export const check: CliProgram = async (argv, io) => {
  const fail: Fail = failer('check', io);
  const { positionals, values } = orFail(() => parseArgs({ args: argv, allowPositionals: true, options: { rules: { type: 'string' }, format: { type: 'string', default: 'text' }, crs: { type: 'string' }, lang: { type: 'string', default: 'nl' } } }), fail, usage);
  const [file] = positionals;
  if (!file) fail(`a trench file is required\n${usage}`);
  if (values.format !== 'json' && values.format !== 'text') fail(`--format ${values.format} is not known; use json or text`);
  if (!isLanguage(values.lang)) fail(`--lang ${values.lang} is not known; use ${LANGUAGES.join(' or ')}`);
  const language: Language = values.lang;
  const t = translator(language);

  const config = readConfig(io.env);
  const rules = orFail(() => readRuleSetFile(values.rules ?? config.rulesFile), fail);

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

  const result = await io.withStore((store) => runCheck(store, rules, input, crs));
  if (!result.ok) fail(`${file} is not a trench that can be checked:\n${result.errors.map((e) => `  ${e.field}: ${render(e, language)}`).join('\n')}`);
  const report: CheckReport = result.report;

  const decimals = crs === RD_NEW ? 3 : 9;
  const severityWidth = Math.max(...SEVERITIES.map((s) => t(`severity.${s}`).length));
  const explained = explainReport(report, language);
  const conflicts = explained.conflicts.map((c) => ({ ...c, location: roundGeometry(transformGeometry(c.location, RD_NEW, crs), decimals) }));
  if (values.format === 'json') {
    io.out(JSON.stringify({ ...explained, conflicts }, null, 2));
  } else {
    const s = report.summary;
    io.out(t('check.cli.header', { file, length_m: s.trenchLength_m, assets: s.assetsConsidered, rule_set: report.ruleSet.id, version: report.ruleSet.version }));
    io.out(`  ${t('check.cli.summary', { blocking: s.bySeverity.blocking, warning: s.bySeverity.warning, info: s.bySeverity.info, tree_m: s.treeZoneLength_m })}`);
    // The verdict says "unknown ground" while part of the trench is outside coverage, never "no conflicts".
    io.out(`  ${render(verdictOf(report), language)}`);
    const outside = Object.entries(s.outsideCoverage_m ?? {}).filter(([, m]) => (m ?? 0) > 0);
    if (outside.length) io.out(`  ${t('check.cli.coverage', { layers: outside.map(([layer, m]) => t('check.cli.coverage-layer', { layer: msg(`check.layer.${layer}`), outside_m: m ?? 0 })) })}`);
    for (const c of report.conflicts) io.out(line(c));
  }
  return report.summary.bySeverity.blocking > 0 ? 1 : 0;

  /**
   * One conflict in two lines: the columns (severity in the reader's language, rule and layer as their codes, which
   * name them in the rule set, numbers in the locale), then the finding as a sentence.
   */
  function line(c: Conflict): string {
    const at = c.chainage_from_m === null ? t('check.cli.footprint') : t('check.cli.range', { from_m: c.chainage_from_m, to_m: c.chainage_to_m });
    // Unknown ground and precaution zones have a length or distance but no required distance to print beside it.
    const numbers = c.measured_m === null
      ? (c.angle_deg !== undefined ? t('check.cli.angle', { angle_deg: c.angle_deg }) : '')
      : c.required_m === null ? t('check.cli.measured-only', { measured_m: c.measured_m }) : t('check.cli.measured', { measured_m: c.measured_m, required_m: c.required_m });
    const flagged = c.depth_source === 'assumed' ? ` [${t('check.cli.assumed')}]` : '';
    // Unknown ground has no asset or owner: the layers it concerns stand in their place.
    const what = c.assetId ? `${c.layer}/${c.assetId} (${c.owner})` : (c.layers ?? [c.layer]).join(',');
    return `${t(`severity.${c.severity}`).toUpperCase().padEnd(severityWidth)} ${c.rule.padEnd(20)} ${at.padEnd(16)} ${what} ${numbers}${flagged}\n         ${explanationOf(c, language)}`;
  }
};
