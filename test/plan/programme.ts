import type { Segment, Work, WorkProperties } from '../../server/domain/plan/plan.types.ts';
import { seeded } from '../../server/demo/seeded.ts';
import { dateOf, dayOf } from '../../server/domain/plan/dates.ts';
import { WORK_TYPES } from '../../server/domain/plan/plan.types.ts';

const X0 = 90_000;
const Y0 = 437_000;

/** `n` straight 100 m segments in a row along one street, each touching the next. */
export function row(n: number, street = 'Teststraat', extra: Partial<Segment> = {}): Segment[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${street.toLowerCase()}-${i + 1}`,
    street,
    geometry: { type: 'LineString', coordinates: [[X0 + 100 * i, Y0], [X0 + 100 * (i + 1), Y0]] },
    length_m: 100,
    ...extra,
  }));
}

/** A work along segment `i` of a row (5–95 m, 2 m off the centreline), or from segment `i` to `j`. */
export function work(id: string, i: number, properties: Partial<WorkProperties> & Pick<WorkProperties, 'type'>, j = i): Work {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'LineString', coordinates: [[X0 + 100 * i + 5, Y0 + 2], [X0 + 100 * j + 95, Y0 + 2]] },
    properties: { owner: 'Gemeente Rotterdam', ...properties },
  };
}

export const OPTIONS = { horizonStart: '2026-06-01', moratoriumYears: 3, separateNeighbours: false };

/**
 * A seeded small programme: `segments` segments, `works` works with random types, durations and windows of
 * 2–14 months inside two years, so some couple and some cannot.
 */
export function smallProgramme(seed: number, segments = 4, works = 10): { segments: Segment[]; works: Work[] } {
  const random = seeded(seed);
  const start = dayOf('2027-01-01');
  const segs = row(segments, `Straat${seed}`);
  const list: Work[] = [];
  for (let k = 0; k < works; k++) {
    const type = WORK_TYPES[Math.floor(random() * WORK_TYPES.length)]!;
    const earliest = start + Math.floor(random() * 500);
    const span = 60 + Math.floor(random() * 360);
    list.push(work(`w${k}`, Math.floor(random() * segments), {
      type,
      duration_days: 5 + Math.floor(random() * 20),
      earliest_start: dateOf(earliest),
      latest_end: dateOf(earliest + span),
      preferred_start: dateOf(earliest + Math.floor(random() * span * 0.5)),
    }));
  }
  return { segments: segs, works: list };
}
