/**
 * What a request will cost the warehouse, counted before any resolver runs, and the budget it must
 * stay within. The field limit of limits.ts counts the shape of the answer; it let a thousand aliases
 * of `coverage { mandatory }` through, a thousand warehouse queries that held the engine for seconds.
 *
 * The unit is one warehouse query, and a listed row costs 1/ROWS_PER_UNIT. Each field that reads the
 * warehouse is charged the queries its resolver runs at most, once per parent it resolves for: a
 * field under `children` once per child region, one under a page's items once per row. Fields that
 * share their query with every other occurrence in the request (DataLoader batches, `context.once`)
 * are charged once per request however often they occur.
 */
import { GraphQLError, type GraphQLSchema, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { CITIES, countiesOf } from '../../domain/regions';

/** How a field reads the warehouse. */
export interface FieldCost {
  /** Warehouse queries its resolver runs at most, for one parent. */
  queries: number;
  /** One query for the whole request, whatever the number of occurrences (DataLoader, `context.once`). */
  sharedPerRequest?: true;
}

/**
 * Every field whose resolver reads the warehouse, and every Query field (those that read nothing cost
 * 0: a new query must be entered here, and the cost test fails by name until it is). The numbers are
 * the queries each resolver issues, counted in its code: paged lists run a page query and, for a page
 * past the end, a count.
 */
export const WAREHOUSE_COST: Readonly<Record<string, FieldCost>> = {
  // Twenty-one reads, two of them the platform database: every family's figures for one insurer and year.
  'Query.annualReport': { queries: 21 },
  // The register of insurers; the submissions come from the platform database.
  'Query.annualReportSubmissions': { queries: 1 },
  'Query.claims': { queries: 2 },
  'Query.coverage': { queries: 1 },
  'Query.dataFreshness': { queries: 0 },
  'Query.dataYears': { queries: 1 },
  'Query.deathLimitCompliance': { queries: 2 },
  'Query.deathLimitPolicies': { queries: 2 },
  'Query.enterprise': { queries: 2 },
  // Six grouped statements for every period at once, one per year for the service verdicts (two at most), two for the
  // filings; the annual reports come from the platform database.
  'Query.evaluation': { queries: 10 },
  'Query.enterpriseSearch': { queries: 2 },
  'Query.expiringPolicies': { queries: 2 },
  'Query.feeRatios': { queries: 1 },
  'Query.firstService': { queries: 2 },
  'Query.firstServicePolicies': { queries: 2 },
  'Query.insurer': { queries: 1 },
  'Query.me': { queries: 0 },
  'Query.premiumRates': { queries: 2 },
  'Query.regionFees': { queries: 1 },
  'Query.riskIndicators': { queries: 2 },
  'Query.rules': { queries: 0 },
  'Query.serviceCompliance': { queries: 1 },
  // The submissions history is read from the platform database.
  'Query.submission': { queries: 0 },
  'Query.submissions': { queries: 0 },
  'Submission.rejects': { queries: 0 },
  'Query.trends': { queries: 3 },
  'Query.uninsured': { queries: 2 },
  // One count and one page per kind of breach: twelve sources when every kind is asked for.
  'Query.violations': { queries: 12 },
  'ServiceCompliance.byInsurer': { queries: 1, sharedPerRequest: true },
  'ServiceCompliance.enterprises': { queries: 2 },
  'EnterpriseDetail.policies': { queries: 2 },
  'EnterpriseDetail.services': { queries: 2 },
  'EnterpriseDetail.claims': { queries: 2 },
  'InsurerDetail.policies': { queries: 2 },
  'InsurerDetail.services': { queries: 2 },
  'InsurerDetail.claims': { queries: 2 },
  'Insurer.name': { queries: 1, sharedPerRequest: true },
  'InsurerFeeRatio.filing': { queries: 1, sharedPerRequest: true },
  'InsurerFeeRatio.yearFiling': { queries: 1, sharedPerRequest: true },
  'InsurerDetail.yearFiling': { queries: 1, sharedPerRequest: true },
};

/** Rows that cost as much as a query: reading, sorting and sending them is the work of a small query. */
export const ROWS_PER_UNIT = 100;

/**
 * The most a request may cost. The dashboard's heaviest page asks for about 20 (test/api/request-budget
 * checks every operation of dashboard/src against it); 60 leaves room for a script that asks for
 * several regions at once, and refuses the alias floods that held the warehouse for seconds.
 */
export const MAX_WAREHOUSE_COST = 60;

/** The most child regions a node has: the province's 11 cities, or the counties of the largest city. */
const MAX_CHILD_REGIONS = Math.max(CITIES.length, ...CITIES.map((city) => countiesOf(city.code).length));

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The warehouse cost of one operation of the schema, with its variables. */
export function warehouseCost(schema: GraphQLSchema, document: Parameters<typeof getComplexity>[0]['query'], variables: Record<string, unknown> | undefined, operationName?: string): number {
  const shared = new Set<string>();
  const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const coordinate = `${type.name}.${field.name}`;
    const cost = WAREHOUSE_COST[coordinate];
    let own = 0;
    if (cost?.sharedPerRequest) shared.add(coordinate);
    else if (cost) own = cost.queries;
    if (typeof args.pageSize === 'number') {
      // A page: its rows are charged, and whatever is asked for each row is charged once per row.
      return own + args.pageSize / ROWS_PER_UNIT + childComplexity * args.pageSize;
    }
    if (field.name === 'children' && isList(field.type)) return own + childComplexity * MAX_CHILD_REGIONS;
    return own + childComplexity;
  };
  const perParent = getComplexity({ schema, query: document, variables, operationName, estimators: [estimator] });
  let total = perParent;
  for (const coordinate of shared) total += WAREHOUSE_COST[coordinate].queries;
  return Math.ceil(total);
}

export function warehouseBudget(schema: GraphQLSchema, budget: number = MAX_WAREHOUSE_COST): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = warehouseCost(schema, document, request.variables, request.operationName ?? undefined);
          if (cost > budget) {
            throw new GraphQLError(
              `The query would cost the warehouse ${cost} (one per warehouse query, one per ${ROWS_PER_UNIT} rows listed); `
              + `at most ${budget} are allowed per request. Ask for fewer fields, aliases or regions, or smaller pages, over several requests.`,
              { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
