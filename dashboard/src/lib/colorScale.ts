/**
 * The choropleth's colour scale for coverage rates. Sequential and colour-blind safe: the classes are
 * sampled from cividis (Nuñez, Anderton & Renslow 2018), which keeps a monotonic lightness ramp for
 * every common form of colour blindness and still separates on a washed-out projector. Low coverage is
 * dark, full coverage light, so the gaps the regulator chases stand out.
 *
 * The class breaks are fixed, not fitted to the data on screen, so the same colour means the same
 * coverage on every map and in every colleague's link; the target of the circular is 应保尽保 (100%).
 */

/** Upper bounds (exclusive) of every class but the last, as coverage ratios. */
export const COVERAGE_BREAKS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const;

/**
 * One colour per class, darkest (lowest coverage) first: seven evenly spaced positions interpolated
 * in RGB between the five cividis anchors #00204D #414D6B #7C7B78 #BCAF6F #FFEA46.
 */
export const COVERAGE_COLOURS = ['#00204d', '#2b3e61', '#555c6f', '#7c7b78', '#a79e72', '#d2c361', '#ffea46'] as const;

/** Regions whose coverage is undefined (no mandatory enterprise): a neutral grey outside the ramp. */
export const NO_DATA_COLOUR = '#d9d9d9';

export interface LegendClass {
  colour: string;
  /** Inclusive lower bound, null for the first class. */
  from: number | null;
  /** Exclusive upper bound, null for the last class. */
  to: number | null;
}

export function coverageClass(rate: number): number {
  const index = COVERAGE_BREAKS.findIndex((upper) => rate < upper);
  return index === -1 ? COVERAGE_BREAKS.length : index;
}

export function coverageColour(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NO_DATA_COLOUR;
  return COVERAGE_COLOURS[coverageClass(rate)];
}

export function coverageLegend(): LegendClass[] {
  return COVERAGE_COLOURS.map((colour, index) => ({
    colour,
    from: index === 0 ? null : COVERAGE_BREAKS[index - 1],
    to: index === COVERAGE_BREAKS.length ? null : COVERAGE_BREAKS[index],
  }));
}

/** Dark text on light fills and light text on dark ones, for labels drawn over the map. */
export function labelColourOn(fill: string): string {
  const red = parseInt(fill.slice(1, 3), 16);
  const green = parseInt(fill.slice(3, 5), 16);
  const blue = parseInt(fill.slice(5, 7), 16);
  const luminance = (0.299 * red + 0.587 * green + 0.114 * blue) / 255;
  return luminance > 0.55 ? '#111111' : '#ffffff';
}
