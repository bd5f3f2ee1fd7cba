import { describe, expect, it } from 'vitest';
import { assembleLine, densifyArcString } from '../../server/imports/imkl/curve-assembly.ts';
import { networkByVoltage } from '../../server/imports/imkl/themes.ts';
import { toLength, uomUnit } from '../../server/imports/imkl/units.ts';
import { minimumRectangleSides } from '../../server/geo/minimum-rectangle.ts';
import { pointToLineDistance } from '../../server/geo/point-line-distance.ts';
import { polygonArea } from '../../server/geo/polygon-area.ts';

describe('IMKL units', () => {
  it('normalises a pipe diameter in cm and one in mm to the same millimetres', () => {
    expect(toLength({ text: '11', uom: 'urn:ogc:def:uom:OGC::cm' }, 'mm')).toEqual({ ok: true, value: 110 });
    expect(toLength({ text: '110', uom: 'urn:ogc:def:uom:OGC::mm' }, 'mm')).toEqual({ ok: true, value: 110 });
  });

  it('treats a nil, empty or zero diameter as unknown, and refuses a diameter without a unit', () => {
    expect(toLength({ text: '', uom: 'urn:ogc:def:uom:OGC::mm' }, 'mm')).toBeUndefined();
    expect(toLength({ text: '0', uom: 'urn:ogc:def:uom:OGC::mm' }, 'mm')).toBeUndefined();
    expect(toLength({ text: '110', uom: undefined }, 'mm')).toEqual({ ok: false, reason: expect.stringContaining('unit') });
  });

  it('reads the unit of every uom spelling', () => {
    expect(uomUnit('urn:ogc:def:uom:OGC::cm')).toBe('cm');
    expect(uomUnit('m')).toBe('m');
  });

  it('splits electricity by nominal voltage at 1 kV and 50 kV, and calls an unknown voltage other', () => {
    expect([230, 400, 1000, 10000, 50000, 150000].map(networkByVoltage)).toEqual(['lv', 'lv', 'lv', 'mv', 'mv', 'hv']);
    expect(networkByVoltage(undefined)).toBe('other');
  });
});

describe('curve assembly', () => {
  it('joins links given out of order and reversed into one line', () => {
    const { parts, gaps } = assembleLine([[[20, 0], [30, 0]], [[10, 0], [0, 0]], [[10, 0], [20, 0]]]);
    expect(parts).toEqual([[[0, 0], [10, 0], [20, 0], [30, 0]]]);
    expect(gaps).toEqual([]);
  });

  it('bridges a gap of up to 1 m and splits a longer one', () => {
    expect(assembleLine([[[0, 0], [10, 0]], [[11, 0], [20, 0]]]).gaps).toEqual([{ at: [10, 0], distance_m: 1, action: 'bridged' }]);
    const split = assembleLine([[[0, 0], [10, 0]], [[11.5, 0], [20, 0]]]);
    expect(split.parts).toHaveLength(2);
    expect(split.gaps).toEqual([{ at: [10, 0], distance_m: 1.5, action: 'split' }]);
  });

  it('densifies a half-circle arc through its mid point', () => {
    const arc = densifyArcString([[0, 0], [1, 1], [2, 0]]);
    expect(arc).toHaveLength(19);
    expect(arc.every(([x, y]) => Math.abs(Math.hypot(x! - 1, y!) - 1) < 1e-9)).toBe(true);
    expect(arc.every(([, y]) => y! >= -1e-9)).toBe(true);
  });
});

describe('planar measures in RD metres', () => {
  it('measures area, distance to a line and the sides of the minimum rotated rectangle', () => {
    expect(polygonArea([[[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]])).toBe(11.5);
    expect(pointToLineDistance([5, 3], [[0, 0], [10, 0]])).toBe(3);
    const [long, short] = minimumRectangleSides([[0, 0], [30, 30], [31.414, 28.586], [1.414, -1.414]]);
    expect(long).toBeCloseTo(Math.hypot(30, 30), 2);
    expect(short).toBeCloseTo(2, 2);
  });
});
