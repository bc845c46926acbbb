/**
 * Every view has a URL, and every filter lives in its query string, so that a link shows a colleague
 * with the same rights exactly the same view. Parsing is strict about shapes (a region is six digits,
 * a year four) and lenient about absence: a missing filter means the API's default.
 */
import { PROVINCE_CODE, regionByCode, type Region } from '../../../domain/regions';
import { dailyWorkUrl, insurersOrder, parseDailyWorkRoute, type DailyWorkRoute, type InsurerColumn } from './routes-daily-work';

export const INDUSTRIES = ['COAL_MINE', 'NON_COAL_MINE', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'METALLURGY'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface RegionFilters {
  /** YYYY-MM-DD; absent means today in Asia/Shanghai (the API's default). */
  asOf?: string;
  /** Absent or empty means all five high-risk industries. */
  industries: Industry[];
  /** The year of the yearly indicators (fees, services, claims); absent means the year of asOf. */
  year?: number;
  /** The uninsured list's order and page; absent means by name, ascending, the first page. */
  sort?: UninsuredSort;
  direction?: SortDirection;
  page?: number;
}

export const UNINSURED_SORTS = ['NAME', 'COUNTY', 'LAST_POLICY_END', 'INDUSTRY'] as const;
export type UninsuredSort = (typeof UNINSURED_SORTS)[number];
export type SortDirection = 'ASC' | 'DESC';

export type Route =
  | { page: 'home' }
  | { page: 'login' }
  | { page: 'region'; code: string; filters: RegionFilters }
  | { page: 'insurers'; year?: number; sort?: InsurerColumn; direction?: SortDirection }
  | { page: 'insurer'; id: string; year?: number }
  | { page: 'annualReport'; id: string; year?: number }
  | { page: 'annualReports'; year?: number }
  | { page: 'evaluation'; year?: number; quarter?: number }
  | { page: 'enterprise'; id: string; policy?: string }
  | { page: 'violations'; filters: ViolationFilters }
  | DailyWorkRoute
  | { page: 'submissions' }
  | { page: 'notFound'; path: string };

/** The kinds of breach, in the order the API lists them. */
export const VIOLATION_RULES = [
  'UNINSURED', 'FEE_RATIO_BELOW_FLOOR', 'FEE_RATIO_ABOVE_CAP', 'SERVICES_SHORT',
  'FIRST_SERVICE_LATE', 'FIRST_SERVICE_MISSING', 'DEATH_LIMIT_BELOW_FLOOR', 'UNQUALIFIED_PROVIDER',
] as const;
export type ViolationRule = (typeof VIOLATION_RULES)[number];

export interface ViolationFilters {
  /** Absent means this year (the view's default). */
  year?: number;
  /** Absent means the viewer's whole scope: the province, or a city user's city. */
  region?: string;
  /** An insurer id; absent means every insurer. */
  insurer?: string;
  /** Absent or empty means every kind. */
  kinds: ViolationRule[];
  /** From 1. */
  page: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
export const REGION_CODE = /^\d{6}$/;
/** Insurer, enterprise and policy ids are short codes; anything else is dropped rather than sent. */
const ENTITY_ID = /^[\w.-]{1,64}$/;
export const PAGE = /^[1-9]\d{0,5}$/;

export function yearParam(search: URLSearchParams): number | undefined {
  const year = search.get('year');
  return year !== null && YEAR.test(year) ? Number(year) : undefined;
}

export function parseRegionFilters(search: URLSearchParams): RegionFilters {
  const asOf = search.get('asOf');
  const industries = (search.get('industries') ?? '')
    .split(',')
    .filter((name): name is Industry => (INDUSTRIES as readonly string[]).includes(name));
  const filters: RegionFilters = { asOf: asOf !== null && DATE.test(asOf) ? asOf : undefined, industries, year: yearParam(search) };
  const sort = search.get('sort');
  const direction = search.get('direction');
  const page = search.get('page');
  if (sort !== null && (UNINSURED_SORTS as readonly string[]).includes(sort)) filters.sort = sort as UninsuredSort;
  if (direction === 'ASC' || direction === 'DESC') filters.direction = direction;
  if (page !== null && PAGE.test(page) && page !== '1') filters.page = Number(page);
  return filters;
}

export function parseViolationFilters(search: URLSearchParams): ViolationFilters {
  const region = search.get('region');
  const insurer = search.get('insurer');
  const page = search.get('page');
  const kinds = (search.get('kinds') ?? '')
    .split(',')
    .filter((name): name is ViolationRule => (VIOLATION_RULES as readonly string[]).includes(name));
  return {
    year: yearParam(search),
    region: region !== null && REGION_CODE.test(region) ? region : undefined,
    insurer: insurer !== null && ENTITY_ID.test(insurer) ? insurer : undefined,
    // In the API's order, each once, so that equal filters give equal URLs.
    kinds: VIOLATION_RULES.filter((kind) => kinds.includes(kind)),
    page: page !== null && PAGE.test(page) ? Number(page) : 1,
  };
}

export function parseRoute(pathname: string, query: string): Route {
  const search = new URLSearchParams(query);
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [page, id] = parts;
  if (parts.length === 0) return { page: 'home' };
  if (page === 'login' && parts.length === 1) return { page: 'login' };
  if (page === 'region' && parts.length <= 2) {
    const code = id ?? PROVINCE_CODE;
    if (REGION_CODE.test(code)) return { page: 'region', code, filters: parseRegionFilters(search) };
  }
  if (page === 'insurers' && parts.length === 1) return { page: 'insurers', year: yearParam(search), ...insurersOrder(search) };
  const dailyWork = parseDailyWorkRoute(page, parts.length, search);
  if (dailyWork) return dailyWork;
  if (page === 'insurer' && parts.length === 2 && ENTITY_ID.test(id)) return { page: 'insurer', id, year: yearParam(search) };
  if (page === 'insurer' && parts.length === 3 && parts[2] === 'report' && ENTITY_ID.test(id)) return { page: 'annualReport', id, year: yearParam(search) };
  if (page === 'reports' && parts.length === 1) return { page: 'annualReports', year: yearParam(search) };
  if (page === 'evaluation' && parts.length === 1) {
    const quarter = search.get('quarter');
    return { page: 'evaluation', year: yearParam(search), quarter: quarter !== null && /^[1-4]$/.test(quarter) ? Number(quarter) : undefined };
  }
  if (page === 'enterprise' && parts.length === 2 && ENTITY_ID.test(id)) {
    const policy = search.get('policy');
    return { page: 'enterprise', id, policy: policy !== null && ENTITY_ID.test(policy) ? policy : undefined };
  }
  if (page === 'violations' && parts.length === 1) return { page: 'violations', filters: parseViolationFilters(search) };
  if (page === 'submissions' && parts.length === 1) return { page: 'submissions' };
  return { page: 'notFound', path: pathname };
}

export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  return query === '' ? path : `${path}?${query.replace(/%2C/g, ',')}`;
}

export function regionUrl(code: string, filters: RegionFilters): string {
  return withQuery(`/region/${code}`, {
    asOf: filters.asOf,
    year: filters.year,
    industries: filters.industries.length > 0 ? filters.industries.join(',') : undefined,
    sort: filters.sort,
    direction: filters.direction,
    page: filters.page !== undefined && filters.page > 1 ? filters.page : undefined,
  });
}

export function violationsUrl(filters: ViolationFilters): string {
  return withQuery('/violations', {
    year: filters.year,
    region: filters.region,
    insurer: filters.insurer,
    kinds: filters.kinds.length > 0 ? VIOLATION_RULES.filter((kind) => filters.kinds.includes(kind)).join(',') : undefined,
    page: filters.page > 1 ? filters.page : undefined,
  });
}

export function routeUrl(route: Route): string {
  switch (route.page) {
    case 'home': return '/';
    case 'login': return '/login';
    case 'region': return regionUrl(route.code, route.filters);
    case 'insurers': return withQuery('/insurers', { year: route.year, sort: route.sort, direction: route.direction });
    case 'risk':
    case 'premiumRates':
    case 'expiring':
    case 'search':
      return dailyWorkUrl(route);
    case 'insurer': return withQuery(`/insurer/${encodeURIComponent(route.id)}`, { year: route.year });
    case 'annualReport': return withQuery(`/insurer/${encodeURIComponent(route.id)}/report`, { year: route.year });
    case 'annualReports': return withQuery('/reports', { year: route.year });
    case 'evaluation': return withQuery('/evaluation', { year: route.year, quarter: route.quarter });
    case 'enterprise': return withQuery(`/enterprise/${encodeURIComponent(route.id)}`, { policy: route.policy });
    case 'violations': return violationsUrl(route.filters);
    case 'submissions': return '/submissions';
    case 'notFound': return route.path;
  }
}

/** 山西省 › 长治市 › 潞州区: the region itself last, each ancestor before it. Unknown codes give []. */
export function breadcrumb(code: string): Region[] {
  const trail: Region[] = [];
  for (let region = regionByCode(code); region; region = region.parentCode ? regionByCode(region.parentCode) : undefined) {
    trail.unshift(region);
  }
  return trail;
}

/** The city a region lies in (itself for a city), null for the province. */
export function cityOf(code: string): string | null {
  const region = regionByCode(code);
  if (!region || region.level === 'province') return null;
  return region.level === 'city' ? region.code : region.parentCode;
}
