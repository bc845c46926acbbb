/**
 * The children's coverage on their real outlines: cities of the province, counties of a city.
 * Each region is a focusable SVG path; a click or Enter drills into it, and hovering or focusing it
 * shows the exact figures. Regions the viewer may not open are drawn but not offered as links.
 */
import { geoMercator, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { coverageColour, coverageLegend, labelColourOn, NO_DATA_COLOUR } from '../lib/colorScale';
import { formatCount, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { loadChildOutlines, type RegionOutline } from '../lib/outlines';
import { QueryState } from './QueryState';

export interface RegionCoverage {
  region: { code: string; name: string };
  mandatory: number;
  insured: number;
  rate: number | null;
}

interface ChoroplethMapProps {
  parentCode: string;
  coverage: RegionCoverage[];
  onDrill(code: string): void;
  mayDrill(code: string): boolean;
}

const WIDTH = 560;
const HEIGHT = 600;

export function ChoroplethMap({ parentCode, coverage, onDrill, mayDrill }: ChoroplethMapProps) {
  const { t } = useI18n();
  const [outlines, setOutlines] = useState<RegionOutline[] | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [focused, setFocused] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setOutlines(null);
    setFailure(null);
    loadChildOutlines(parentCode).then(
      (loaded) => { if (current) setOutlines(loaded); },
      (error: Error) => { if (current) setFailure(error); },
    );
    return () => { current = false; };
  }, [parentCode]);

  const shapes = useMemo(() => {
    if (!outlines) return [];
    const projection = geoMercator().fitSize([WIDTH, HEIGHT], { type: 'FeatureCollection', features: outlines.map((o) => o.feature) });
    const path = geoPath(projection);
    const byCode = new Map(coverage.map((child) => [child.region.code, child]));
    return outlines.map((outline) => {
      const [labelX, labelY] = path.centroid(outline.feature);
      const anchor = outline.feature.properties.centroid ?? outline.feature.properties.center;
      const projectedAnchor = anchor ? projection(anchor) : null;
      return {
        ...outline,
        d: path(outline.feature) ?? '',
        label: projectedAnchor ?? [labelX, labelY],
        figures: byCode.get(outline.code) ?? null,
      };
    });
  }, [outlines, coverage]);

  const focusedShape = shapes.find((shape) => shape.code === focused) ?? null;

  const onKeyDown = (code: string) => (event: KeyboardEvent<SVGPathElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onDrill(code);
    }
  };

  return (
    <QueryState loading={outlines === null && failure === null} error={failure} empty={coverage.length === 0} minHeight={HEIGHT / 2}>
      <div className="map">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={`${t('mapTitle')} — ${t('mapHint')}`} className="map-svg">
          {shapes.map((shape) => {
            const fill = coverageColour(shape.figures?.rate);
            const drillable = shape.figures !== null && mayDrill(shape.code);
            const label = shape.figures
              ? `${shape.name} ${t('coverageRate')} ${formatPercent(shape.figures.rate)}（${formatCount(shape.figures.insured)} / ${formatCount(shape.figures.mandatory)}）`
              : `${shape.name} ${t('mapNoData')}`;
            return (
              <path
                key={shape.code}
                d={shape.d}
                fill={fill}
                className={`map-region${drillable ? ' map-region-link' : ''}${focused === shape.code ? ' map-region-focused' : ''}`}
                data-code={shape.code}
                data-rate={shape.figures?.rate ?? ''}
                tabIndex={drillable ? 0 : undefined}
                role={drillable ? 'link' : 'img'}
                aria-label={label}
                onClick={drillable ? () => onDrill(shape.code) : undefined}
                onKeyDown={drillable ? onKeyDown(shape.code) : undefined}
                onMouseEnter={() => setFocused(shape.code)}
                onMouseLeave={() => setFocused((code) => (code === shape.code ? null : code))}
                onFocus={() => setFocused(shape.code)}
                onBlur={() => setFocused((code) => (code === shape.code ? null : code))}
              />
            );
          })}
          {shapes.map((shape) => (
            <text
              key={`label-${shape.code}`}
              x={shape.label[0]}
              y={shape.label[1]}
              className="map-label"
              fill={labelColourOn(coverageColour(shape.figures?.rate))}
              fontSize={shapes.length > 11 ? 11 : 14}
              aria-hidden="true"
            >
              <tspan x={shape.label[0]} dy="-0.55em">{shape.name}</tspan>
              {/* The rate on the map itself, readable without hovering and on paper. */}
              <tspan x={shape.label[0]} dy="1.2em" className="map-rate" data-map-rate={shape.code}>
                {shape.figures ? formatPercent(shape.figures.rate) : '—'}
              </tspan>
            </text>
          ))}
        </svg>
        {focusedShape && (
          <div className="map-tooltip" role="status">
            <strong>{focusedShape.name}</strong>
            {focusedShape.figures ? (
              <dl>
                <dt>{t('coverageRate')}</dt><dd>{formatPercent(focusedShape.figures.rate)}</dd>
                <dt>{t('insured')}</dt><dd>{formatCount(focusedShape.figures.insured)}</dd>
                <dt>{t('mandatory')}</dt><dd>{formatCount(focusedShape.figures.mandatory)}</dd>
              </dl>
            ) : <p>{t('mapNoData')}</p>}
          </div>
        )}
        <CoverageLegend />
      </div>
    </QueryState>
  );
}

export function CoverageLegend() {
  const { t } = useI18n();
  const describe = (from: number | null, to: number | null) =>
    from === null ? `< ${formatPercent(to)}` : to === null ? `≥ ${formatPercent(from)}` : `${formatPercent(from)} – ${formatPercent(to)}`;
  return (
    <ul className="legend" aria-label={t('coverageRate')}>
      {coverageLegend().map((entry) => (
        <li key={entry.colour}><span className="swatch" style={{ background: entry.colour }} />{describe(entry.from, entry.to)}</li>
      ))}
      <li><span className="swatch" style={{ background: NO_DATA_COLOUR }} />{t('mapNoData')}</li>
    </ul>
  );
}
