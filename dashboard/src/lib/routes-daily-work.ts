/**
 * The URLs of the daily-work views: risk indicators, the premium-rate screen, policies about to lapse,
 * enterprise search, and the insurers table's order. Parsed as strictly as routes.ts parses the others:
 * a value of the wrong shape is dropped (the view's default applies), never sent to the API.
 */
import { PAGE, REGION_CODE, withQuery, yearParam, type SortDirection } from './routes';

export const INSURER_COLUMNS = [
  'insurer', 'premiumReceived', 'preventionSpending', 'feeRatio', 'compliant', 'claimsPaid', 'lossRatio',
  'serviceCompliance', 'firstService', 'deathLimit',
] as const;
export type InsurerColumn = (typeof INSURER_COLUMNS)[number];

export const EXPIRING_WINDOWS = [30, 60, 90] as const;
export type ExpiringWindow = (typeof EXPIRING_WINDOWS)[number];
export const EXPIRING_SORTS = ['END_DATE', 'NAME', 'COUNTY', 'INDUSTRY'] as const;
export type ExpiringSort = (typeof EXPIRING_SORTS)[number];

export type DailyWorkRoute =
  | { page: 'risk'; year?: number; region?: string }
  | { page: 'premiumRates'; year?: number; region?: string; pageNumber?: number }
  | { page: 'expiring'; region?: string; asOf?: string; within?: ExpiringWindow; sort?: ExpiringSort; direction?: SortDirection; pageNumber?: number }
  | { page: 'search'; text?: string; pageNumber?: number };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A page number for the URL: the first page is the default and is left out. */
const laterPage = (page: number | undefined) => (page !== undefined && page > 1 ? page : undefined);

function direction(search: URLSearchParams): SortDirection | undefined {
  const value = search.get('direction');
  return value === 'ASC' || value === 'DESC' ? value : undefined;
}

function pageNumber(search: URLSearchParams): number | undefined {
  const value = search.get('page');
  return value !== null && PAGE.test(value) && value !== '1' ? Number(value) : undefined;
}

function region(search: URLSearchParams): string | undefined {
  const value = search.get('region');
  return value !== null && REGION_CODE.test(value) ? value : undefined;
}

export function insurersOrder(search: URLSearchParams): { sort?: InsurerColumn; direction?: SortDirection } {
  const sort = search.get('sort');
  return {
    sort: sort !== null && (INSURER_COLUMNS as readonly string[]).includes(sort) ? sort as InsurerColumn : undefined,
    direction: direction(search),
  };
}

export function parseDailyWorkRoute(page: string | undefined, depth: number, search: URLSearchParams): DailyWorkRoute | null {
  if (depth !== 1) return null;
  switch (page) {
    case 'risk':
      return { page: 'risk', year: yearParam(search), region: region(search) };
    case 'premium-rates':
      return { page: 'premiumRates', year: yearParam(search), region: region(search), pageNumber: pageNumber(search) };
    case 'expiring': {
      const within = Number(search.get('within'));
      const sort = search.get('sort');
      const asOf = search.get('asOf');
      return {
        page: 'expiring',
        region: region(search),
        asOf: asOf !== null && DATE.test(asOf) ? asOf : undefined,
        within: (EXPIRING_WINDOWS as readonly number[]).includes(within) ? within as ExpiringWindow : undefined,
        sort: sort !== null && (EXPIRING_SORTS as readonly string[]).includes(sort) ? sort as ExpiringSort : undefined,
        direction: direction(search),
        pageNumber: pageNumber(search),
      };
    }
    case 'search': {
      const text = (search.get('q') ?? '').trim();
      return { page: 'search', text: text === '' ? undefined : text.slice(0, 64), pageNumber: pageNumber(search) };
    }
    default:
      return null;
  }
}

export function dailyWorkUrl(route: DailyWorkRoute): string {
  switch (route.page) {
    case 'risk': return withQuery('/risk', { year: route.year, region: route.region });
    case 'premiumRates': return withQuery('/premium-rates', { year: route.year, region: route.region, page: laterPage(route.pageNumber) });
    case 'expiring':
      return withQuery('/expiring', {
        region: route.region, asOf: route.asOf, within: route.within, sort: route.sort, direction: route.direction, page: laterPage(route.pageNumber),
      });
    case 'search': return withQuery('/search', { q: route.text, page: laterPage(route.pageNumber) });
  }
}
