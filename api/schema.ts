/**
 * The GraphQL schema, built from the TypeGraphQL classes of each indicator family. `schema.graphql` at
 * the repository root is this schema printed (types and fields sorted) by `npm run schema`; a test
 * fails when the committed file is stale.
 */
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker } from 'type-graphql';
import { AuthResolver } from './auth/auth.resolver';
import type { ApiContext } from './common/context';
import { unauthenticated } from './common/errors';
import { InsurerResolver } from './common/insurer.resolver';
import { CoverageResolver } from './coverage/coverage.resolver';
import { FeesResolver } from './fees/fees.resolver';
import { DataYearsResolver } from './freshness/data-years';
import { FreshnessResolver } from './freshness/freshness';
import { RulesResolver } from './rules/rules.resolver';
import { ServiceComplianceResolver, ServicesResolver } from './services/services.resolver';
import { ClaimsResolver } from './claims/claims.resolver';
import { DeathLimitResolver } from './death-limit/death-limit.resolver';
import { EvaluationResolver } from './evaluation/evaluation.resolver';
import { EnterpriseListsResolver, EntitiesResolver, FeeRatioFilingResolver, InsurerListsResolver } from './entities/entities.resolver';
import { FirstServiceResolver } from './first-service/first-service.resolver';
import { RiskResolver } from './risk/risk.resolver';
import { SubmissionsResolver } from './submissions/submissions.resolver';
import { TrendsResolver } from './trends/trends.resolver';
import { ViolationsResolver } from './violations/violations.resolver';
import { AnnualReportResolver } from './annual-report/annual-report.resolver';
import { FeeRatioYearFilingResolver, InsurerYearFilingResolver } from './filings/filings.resolver';

/** Every query but `login` needs a valid token; scope is then checked by each resolver. */
const requireViewer: AuthChecker<ApiContext> = ({ context }) => {
  if (context.viewer === null) throw unauthenticated(context.authFailure ?? 'Log in first.');
  return true;
};

export const RESOLVERS = [
  AuthResolver, InsurerResolver, RulesResolver, FreshnessResolver, CoverageResolver, FeesResolver,
  ServicesResolver, ServiceComplianceResolver,
  FirstServiceResolver, DeathLimitResolver, ClaimsResolver, RiskResolver, TrendsResolver, ViolationsResolver,
  EntitiesResolver, EnterpriseListsResolver, InsurerListsResolver, FeeRatioFilingResolver,
  FeeRatioYearFilingResolver, InsurerYearFilingResolver, AnnualReportResolver, EvaluationResolver, DataYearsResolver, SubmissionsResolver,
] as const;

export async function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    authChecker: requireViewer,
    // class-validator bounds on arguments (page sizes, years) are checked before a resolver runs.
    validate: { forbidUnknownValues: false },
  });
}

export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
