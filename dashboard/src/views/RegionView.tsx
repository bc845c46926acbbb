/**
 * One view at three depths: the province, a city, a county. The URL holds the region and the
 * filters; a click on the map or on a bar pushes the child's URL, and the breadcrumb leads back up.
 */
import { gql } from '@apollo/client';
import type { RegionCoverageDocument, RegionCoverageQuery } from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { ChoroplethMap, type RegionCoverage } from '../components/ChoroplethMap';
import { ExportButtons } from '../components/ExportButtons';
import { FilterBar } from '../components/FilterBar';
import { GapBarChart } from '../components/GapBarChart';
import { HeadlineCards } from '../components/HeadlineCards';
import { PrintFooter } from '../components/PrintFooter';
import { IndustryBreakdown, type IndustryCoverage } from '../components/IndustryBreakdown';
import { Panel, QueryState } from '../components/QueryState';
import { TrendChart } from '../components/TrendChart';
import { UninsuredList } from '../components/UninsuredList';
import { indicatorYear } from '../lib/dates';
import { formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { breadcrumb, regionUrl, type RegionFilters } from '../lib/routes';
import { mayViewRegion, type Viewer } from '../lib/session';
import '../print-overview.css';

export const REGION_COVERAGE_QUERY: RegionCoverageDocument = gql`
  query RegionCoverage($region: ID!, $asOf: Date, $industries: [Industry!]) {
    coverage(region: $region, asOf: $asOf, industries: $industries) {
      region { code name level }
      asOf
      mandatory
      insured
      rate
      children { region { code name } mandatory insured rate }
      byIndustry { industry mandatory insured rate }
    }
  }
`;

export type RegionCoverageResult = RegionCoverageQuery;

export function RegionView({ code, filters, viewer }: { code: string; filters: RegionFilters; viewer: Viewer }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { data, loading, error, refetch } = useQuery(REGION_COVERAGE_QUERY, {
    variables: { region: code, asOf: filters.asOf ?? null, industries: filters.industries.length > 0 ? filters.industries : null },
  });
  const trail = breadcrumb(code);
  // Another region's list starts at its first page, in the same order.
  const drill = (child: string) => navigate(regionUrl(child, { ...filters, page: undefined }));
  const mayDrill = (child: string) => mayViewRegion(viewer, child);
  const coverage = data?.coverage;
  const year = indicatorYear(filters);

  return (
    <main className="region-view" data-region={code} data-print="overview">
      <nav className="breadcrumb" aria-label="breadcrumb">
        <ol>
          {trail.map((region, index) => (
            <li key={region.code}>
              {index === trail.length - 1 || !mayViewRegion(viewer, region.code)
                ? <span aria-current={index === trail.length - 1 ? 'page' : undefined}>{region.name}</span>
                : <Link href={regionUrl(region.code, { ...filters, page: undefined })}>{region.name}</Link>}
            </li>
          ))}
        </ol>
      </nav>
      <button type="button" className="print-button" onClick={() => window.print()}>{t('printOverview')}</button>
      <FilterBar key={`${filters.asOf}-${filters.industries.join()}`} filters={filters} onChange={(next) => navigate(regionUrl(code, next))} />
      <QueryState loading={loading && !coverage} error={error} empty={false} onRetry={() => refetch()} minHeight={400}>
        {coverage && (
          <>
            <h1 className="region-title">{coverage.region.name}</h1>
            {filters.industries.length > 0 && <p className="filter-note" role="note" data-filter-note>{t('industryFilterNote')}</p>}
            <HeadlineCards coverage={coverage} regionCode={code} year={year} asOf={filters.asOf} industries={filters.industries} />
            {coverage.region.level !== 'county' && (
              <div className="grid-2">
                <Panel title={t('mapTitle')} id="map" actions={(
                  <ExportButtons
                    name="children"
                    fileName={`${t('mapTitle')}-${coverage.region.name}-${coverage.asOf}`}
                    sheet={coverage.region.name}
                    disabled={coverage.children.length === 0}
                    table={() => ({
                      header: [t('region'), t('coverageRate'), t('insured'), t('mandatory'), t('uninsured')],
                      rows: coverage.children.map((child) => [child.region.name, formatPercent(child.rate), child.insured, child.mandatory, child.mandatory - child.insured]),
                    })}
                  />
                )}>
                  <p className="hint">{t('mapHint')}</p>
                  <ChoroplethMap parentCode={coverage.region.code} coverage={coverage.children} onDrill={drill} mayDrill={mayDrill} />
                </Panel>
                <Panel title={t('gapTitle')} id="gap">
                  <GapBarChart coverage={coverage.children} onDrill={drill} mayDrill={mayDrill} />
                </Panel>
              </div>
            )}
            <Panel title={t('trendTitle')} id="trend">
              <TrendChart regionCode={code} asOf={filters.asOf} year={filters.year} industries={filters.industries} />
            </Panel>
            <Panel title={t('industryTitle')} id="industry" actions={(
              <ExportButtons
                name="industry"
                fileName={`${t('industryTitle')}-${coverage.region.name}-${coverage.asOf}`}
                sheet={coverage.region.name}
                table={() => ({
                  header: [t('industry'), t('coverageRate'), t('insured'), t('mandatory')],
                  rows: coverage.byIndustry.map((row) => [t(row.industry), formatPercent(row.rate), row.insured, row.mandatory]),
                })}
              />
            )}>
              <IndustryBreakdown byIndustry={coverage.byIndustry} />
            </Panel>
            <UninsuredList regionCode={code} regionName={coverage.region.name} filters={filters} />
            <PrintFooter regionName={coverage.region.name} asOf={coverage.asOf} year={year} />
          </>
        )}
      </QueryState>
    </main>
  );
}
