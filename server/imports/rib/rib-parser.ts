/**
 * SUF-RIB (NEN 3399, the Dutch sewer-inspection exchange): one record per line, `*KIND|field|field|…`, fields
 * fixed-width and `|`-separated, Latin-1. Splitting on `|` rather than counting columns also reads the files whose
 * writers pad a field one column too wide (seen in the Almere 231-0 file). Field positions were read off the
 * Almere 2011–2012 files and the field codes published with lizard-riool (AAA, AAD–AAG, ACR/ACS; ZZA–ZZV):
 *
 * - `*PUT`  2 CAA manhole id · 3 CAB `x/y` (RD New) · 4 street · 40 cover level (m NAP)
 * - `*RIOO` 2 AAA pipe id · 5 AAD/6 AAE from manhole and its `x/y` · 7 AAF/8 AAG to manhole and `x/y` · 11 street ·
 *           15 district · 19 inspection date · 26 length (m) · 27 shape · 28 width (mm) · 29 height (mm) ·
 *           30 material code · 40 year of construction · 48 ACR / 49 ACS invert (BOB) at the from/to end (m NAP)
 * - `*WAAR` 2 ZZA distance from the reference end (m) · 3 ZZB reference end (1 from, 2 to) · 4 ZZC continuous defect
 *           A start / B end · 6 ZZE pipe id · 7 ZZF EN 13508-2 main code · 8 ZZG characterisation · 10 ZZI / 11 ZZJ
 *           quantification (a value or a band's bounds) · 12 ZZK / 13 ZZL clock positions · 14 ZZM at a joint
 *
 * Pure: bytes in, records out, nothing kept but the unfinished line.
 */

export interface RibManhole {
  kind: 'PUT';
  line: number;
  id: string;
  x: number;
  y: number;
  street?: string;
  /** Cover level, m NAP. */
  cover_m?: number;
}

export interface RibPipe {
  kind: 'RIOO';
  line: number;
  id: string;
  from: string;
  to: string;
  start?: [number, number];
  end?: [number, number];
  street?: string;
  district?: string;
  inspected_on?: string;
  length_m?: number;
  shape?: string;
  width_mm?: number;
  height_mm?: number;
  material?: string;
  built_year?: number;
  /** Invert (binnenonderkant buis) at the from / to end, m NAP. */
  bob_start_m?: number;
  bob_end_m?: number;
}

export interface RibObservation {
  kind: 'WAAR';
  line: number;
  pipe: string;
  at_m?: number;
  /** 1: measured from the pipe's from-manhole, 2: from its to-manhole. */
  reference?: 1 | 2;
  code: string;
  characterisation?: string;
  quantification: number[];
  /** `start`/`end` of a continuous defect, as the inspector marked it. */
  continuous?: 'start' | 'end';
  atJoint?: boolean;
  /** A class 1–5 the writer put in the record (NEN 3399:2004 writers may); absent in the Almere files. */
  class?: number;
}

/** A line that could not be read as its kind says, and why (a catalogue code with its parameters). */
export interface RibProblem {
  kind: 'problem';
  line: number;
  record: string;
  id: string;
  code: RibProblemCode;
  params?: Record<string, string | number>;
}

export const RIB_PROBLEMS = {
  fields: 'sewer.rib.too-few-fields',
  coordinates: 'sewer.rib.bad-coordinates',
  noId: 'sewer.rib.no-id',
} as const;
export type RibProblemCode = (typeof RIB_PROBLEMS)[keyof typeof RIB_PROBLEMS];

export type RibRecord = RibManhole | RibPipe | RibObservation | RibProblem | { kind: 'other'; line: number; record: string };

const MIN_FIELDS = { PUT: 3, RIOO: 8, WAAR: 7 } as const;

/**
 * A streaming SUF-RIB reader: `push` bytes as they arrive (any chunking), `end` after the last; every complete
 * line is handed to `onRecord` at once. Latin-1 decodes byte for byte, so a chunk boundary never splits a character.
 *
 * @example
 * const records: RibRecord[] = [];
 * const rib = createRibParser((r) => records.push(r));
 * rib.push(Buffer.from('*PUT|22D0201 |140866.32/484246.85|Transistorstraat\n', 'latin1'));
 * rib.end();
 * records[0] // { kind: 'PUT', line: 1, id: '22D0201', x: 140866.32, y: 484246.85, street: 'Transistorstraat' }
 */
export function createRibParser(onRecord: (record: RibRecord) => void): { push(chunk: Buffer): void; end(): void; lines(): number } {
  let rest = '';
  let line = 0;
  const take = (text: string) => {
    line++;
    const trimmed = text.replace(/\r$/, '');
    if (trimmed.trim() === '') return;
    onRecord(parseRibLine(trimmed, line));
  };
  return {
    push(chunk) {
      const text = rest + chunk.toString('latin1');
      const parts = text.split('\n');
      rest = parts.pop()!;
      for (const part of parts) take(part);
    },
    end() {
      if (rest !== '') take(rest);
      rest = '';
    },
    lines: () => line,
  };
}

/**
 * One SUF-RIB line as a record; an unknown kind (`*ALGE`, `*MRIO`, …) is `other`.
 *
 * @example parseRibLine('*WAAR|3.04  |1| |  |2200231 |BAJ|C    |  |0  |90  |9 |  |A', 7).code // 'BAJ'
 */
export function parseRibLine(text: string, line: number): RibRecord {
  const f = text.split('|').map((v) => v.trim());
  const record = f[0]!.replace(/^\*/, '');
  if (record !== 'PUT' && record !== 'RIOO' && record !== 'WAAR') return { kind: 'other', line, record };
  const id = (record === 'WAAR' ? f[5] : f[1]) ?? '';
  const problem = (code: RibProblemCode, params?: Record<string, string | number>): RibProblem => ({ kind: 'problem', line, record, id, code, ...(params ? { params } : {}) });
  if (f.length < MIN_FIELDS[record]) return problem(RIB_PROBLEMS.fields, { fields: f.length, expected: MIN_FIELDS[record] });
  if (id === '') return problem(RIB_PROBLEMS.noId);
  if (record === 'PUT') {
    const at = xy(f[2]);
    if (!at) return problem(RIB_PROBLEMS.coordinates, { value: f[2] ?? '' });
    return dropUndefined({ kind: 'PUT', line, id, x: at[0], y: at[1], street: text0(f[3]), cover_m: num(f[39]) });
  }
  if (record === 'RIOO') {
    return dropUndefined({
      kind: 'RIOO', line, id, from: f[4] ?? '', to: f[6] ?? '', start: xy(f[5]), end: xy(f[7]), street: text0(f[10]), district: text0(f[14]),
      inspected_on: /^\d{4}-\d{2}-\d{2}$/.test(f[18] ?? '') ? f[18] : undefined, length_m: num(f[25]), shape: text0(f[26]), width_mm: num(f[27]), height_mm: num(f[28]),
      material: text0(f[29]), built_year: year(f[39]), bob_start_m: num(f[47]), bob_end_m: num(f[48]),
    });
  }
  const reference = f[2] === '1' ? 1 : f[2] === '2' ? 2 : undefined;
  const quantification = [f[9], f[10]].map(num).filter((v): v is number => v !== undefined);
  return dropUndefined({
    kind: 'WAAR', line, pipe: id, at_m: num(f[1]), reference, code: f[6] ?? '', characterisation: text0(f[7]), quantification,
    continuous: f[3] === 'A' ? 'start' : f[3] === 'B' ? 'end' : undefined, atJoint: f[13] === 'A' ? true : undefined,
  } as RibObservation);
}

const text0 = (v: string | undefined) => (v ? v : undefined);

/** A decimal as the writers spell it: `56.80`, ` -5.26`, `21,1` (comma seen in the Almere files). */
function num(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function year(v: string | undefined): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= 1800 && n <= 2100 ? n : undefined;
}

function xy(v: string | undefined): [number, number] | undefined {
  const parts = (v ?? '').split('/');
  if (parts.length !== 2) return undefined;
  const x = num(parts[0]);
  const y = num(parts[1]);
  // RD New's valid area, so a swapped or empty coordinate is caught here rather than drawn in the North Sea.
  if (x === undefined || y === undefined || x < -7_000 || x > 300_000 || y < 289_000 || y > 629_000) return undefined;
  return [x, y];
}

function dropUndefined<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}
