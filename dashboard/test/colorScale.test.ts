import { describe, expect, it } from 'vitest';
import { COVERAGE_BREAKS, COVERAGE_COLOURS, coverageClass, coverageColour, coverageLegend, labelColourOn, NO_DATA_COLOUR } from '../src/lib/colorScale';

function lightness(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('coverage colour scale', () => {
  it('puts each break into the class above it', () => {
    expect(coverageClass(0)).toBe(0);
    expect(coverageClass(0.4999)).toBe(0);
    expect(coverageClass(0.5)).toBe(1);
    expect(coverageClass(0.8999)).toBe(4);
    expect(coverageClass(0.9)).toBe(5);
    expect(coverageClass(0.95)).toBe(6);
    expect(coverageClass(1)).toBe(6);
  });
  it('has one colour per class and gets lighter as coverage rises, so it reads without hue', () => {
    expect(COVERAGE_COLOURS).toHaveLength(COVERAGE_BREAKS.length + 1);
    const ramp = COVERAGE_COLOURS.map(lightness);
    for (let i = 1; i < ramp.length; i += 1) expect(ramp[i]).toBeGreaterThan(ramp[i - 1]);
  });
  it('keeps regions without mandatory enterprises out of the ramp', () => {
    expect(coverageColour(null)).toBe(NO_DATA_COLOUR);
    expect(COVERAGE_COLOURS).not.toContain(NO_DATA_COLOUR);
    expect(coverageColour(0.3)).toBe(COVERAGE_COLOURS[0]);
    expect(coverageColour(0.97)).toBe(COVERAGE_COLOURS[6]);
  });
  it('describes every class in the legend, open at both ends', () => {
    const legend = coverageLegend();
    expect(legend[0]).toEqual({ colour: COVERAGE_COLOURS[0], from: null, to: 0.5 });
    expect(legend[3]).toEqual({ colour: COVERAGE_COLOURS[3], from: 0.7, to: 0.8 });
    expect(legend[6]).toEqual({ colour: COVERAGE_COLOURS[6], from: 0.95, to: null });
  });
  it('writes labels light on the dark end and dark on the light end', () => {
    expect(labelColourOn(COVERAGE_COLOURS[0])).toBe('#ffffff');
    expect(labelColourOn(COVERAGE_COLOURS[6])).toBe('#111111');
  });
});
