import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../server/domain/check/check.types.ts';
import { msg } from '../../server/domain/message.ts';
import { explainReport, explanationOf, type StoredReport } from '../../server/messages/report.ts';

const finding = msg('check.crossing.too-small', {
  asset: msg('check.asset.sewer-gravity', { id: 'sewer-1', owner: 'Gemeente Testdorp' }),
  where: msg('check.where.at', { at_m: 50 }),
  gap_m: 0.1,
  levels: msg('check.crossing.levels-below', { kind: msg('check.new.heat'), top_m: 1, bottom_m: 1.45, asset_top_m: 1.55, asset_bottom_m: 1.95 }),
  required_m: 0.25,
  kind: msg('check.new.heat'),
});

const conflict = {
  rule: 'crossing', severity: 'blocking', assetId: 'sewer-1', layer: 'sewers', owner: 'Gemeente Testdorp', measured_m: 0.1, required_m: 0.25,
  chainage_from_m: 49.5, chainage_to_m: 50.5, location: { type: 'Point', coordinates: [100_050, 450_000] }, message: finding,
} as const satisfies CheckReport['conflicts'][number];

const report: CheckReport = {
  ruleSet: { id: 'nl-default', version: '2025.1' },
  conflicts: [conflict],
  summary: { total: 1, bySeverity: { blocking: 1, warning: 0, info: 0 }, byOwner: {}, treeZoneLength_m: 0, trenchLength_m: 100, assetsConsidered: 1 },
};

describe('a check report rendered at the edge', () => {
  it('renders a finding with nested asset, place and levels in Dutch and English', () => {
    expect(explanationOf(conflict, 'nl')).toBe('De sleuf kruist vrijvervalriool sewer-1 (Gemeente Testdorp) op 50,0 m langs het tracé met maar 0,10 m verticale afstand (warmte gelegd op 1,00 m–1,45 m, bestaand object eronder op 1,55 m–1,95 m); minstens 0,25 m is vereist. Pas daar de diepteligging van de nieuwe leiding (warmte) aan.');
    expect(explanationOf(conflict, 'en')).toBe('The trench crosses gravity sewer sewer-1 (Gemeente Testdorp) at chainage 50.0 m with only 0.10 m vertical gap (heat laid at 1.00 m–1.45 m, asset below at 1.55 m–1.95 m); at least 0.25 m is required. Change the depth of the heat line there.');
  });

  it('adds the explanation beside the message and leaves the stored report as it was', () => {
    const explained = explainReport(report, 'en');
    expect(explained.conflicts[0]).toMatchObject({ message: finding, explanation: expect.stringMatching(/^The trench crosses gravity sewer/) });
    expect(report.conflicts[0]).not.toHaveProperty('explanation');
  });

  it('reads back a conflict stored before findings had codes with its own sentence, in any language', () => {
    const { message: _, ...rest } = conflict;
    const old: StoredReport = { ...report, conflicts: [{ ...rest, explanation: 'The trench crosses gravity sewer sewer-1 (Gemeente Testdorp) at chainage 50.0 m.' }] };
    expect(explainReport(old, 'nl').conflicts[0]!.explanation).toBe('The trench crosses gravity sewer sewer-1 (Gemeente Testdorp) at chainage 50.0 m.');
  });

  it('wraps an abandoned asset\'s finding and names whom to ask', () => {
    const abandoned = { ...conflict, severity: 'info' as const, message: msg('check.abandoned', { finding, owner: msg('check.owner.unknown') }) };
    expect(explanationOf(abandoned, 'nl')).toMatch(/^De sleuf kruist vrijvervalriool .* Het object staat geregistreerd als buiten gebruik: stem met de eigenaar \(onbekende eigenaar\) af/);
  });
});
