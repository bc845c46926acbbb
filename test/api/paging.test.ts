/**
 * Every paged field of schema.graphql (any field with a `page` argument, at the top or under a Query
 * field's answer) reports the same total on a page past the end as on the first page: the count of all
 * pages, not of the page read. A paged field under a Query field without arguments here fails the first
 * test by name. Fixture: test/fixtures/api, seen by the province account.
 */
import { getNamedType, isObjectType, type GraphQLField } from 'graphql';
import { SubmissionRow } from '../../platform/entities';
import { finishSubmission } from '../../platform/submissions';
import { startFixtureApi, type FixtureApi } from './harness';
import { SCHEMA } from './schema-walk';

/** The Query fields that lead to paged fields, with arguments under which the fixture lists rows. */
const QUERY_ARGS: Record<string, string> = {
  deathLimitPolicies: 'year: 2025, filter: ALL',
  enterprise: 'id: "E02"',
  enterpriseSearch: 'text: "有限公司"',
  expiringPolicies: 'asOf: "2025-11-01", withinDays: 90',
  firstServicePolicies: 'asOf: "2025-06-30", status: ALL',
  insurer: 'id: "I2"',
  premiumRates: 'year: 2025',
  serviceCompliance: 'year: 2025',
  submission: 'id: "paging-fixture"',
  submissions: '',
  uninsured: 'asOf: "2025-06-30"',
  violations: 'year: 2025',
};

/** Arguments of a nested paged field, where its default filter would list nothing in the fixture. */
const PAGED_ARGS: Record<string, string> = {
  'ServiceCompliance.enterprises': 'filter: ALL',
};

interface PagedField {
  /** Type.field, as the cost table names it. */
  coordinate: string;
  /** The operation asking for `total` and `page` of the field's given page. */
  operation(page: number): string;
}

const QUERY = SCHEMA.getQueryType()!;
const isPaged = (field: GraphQLField<unknown, unknown>): boolean => field.args.some((argument) => argument.name === 'page');

function pagedFields(): { fields: PagedField[]; unreachable: string[] } {
  const fields: PagedField[] = [];
  const unreachable: string[] = [];
  for (const top of Object.values(QUERY.getFields())) {
    const args = QUERY_ARGS[top.name];
    const call = (extra: string, inner: string) => {
      const all = [args ?? '', extra].filter((part) => part !== '').join(', ');
      return `{ ${top.name}${all === '' ? '' : `(${all})`} { ${inner} } }`;
    };
    if (isPaged(top)) {
      if (args === undefined) unreachable.push(`Query.${top.name}`);
      fields.push({ coordinate: `Query.${top.name}`, operation: (page) => call(`page: ${page}, pageSize: 1`, 'total page') });
      continue;
    }
    const named = getNamedType(top.type);
    if (!isObjectType(named)) continue;
    for (const nested of Object.values(named.getFields()).filter(isPaged)) {
      const coordinate = `${named.name}.${nested.name}`;
      if (args === undefined) unreachable.push(`Query.${top.name} → ${coordinate}`);
      const extra = PAGED_ARGS[coordinate] ? `${PAGED_ARGS[coordinate]}, ` : '';
      fields.push({ coordinate, operation: (page) => call('', `${nested.name}(${extra}page: ${page}, pageSize: 1) { total page }`) });
    }
  }
  return { fields, unreachable };
}

const { fields, unreachable } = pagedFields();

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-paging');
  // The fixture has no uploads: one submission with two rejects, written by the history's own module.
  await api.platform.getRepository(SubmissionRow).insert({
    id: 'paging-fixture', username: 'province', role: 'province', scope: null, receivedAt: Date.now(), finishedAt: null,
    status: 'running', files: '[]', lines: 0, stored: 0, rejected: 0, rejectCount: 0, failure: null,
  });
  const reject = { file: 'insurers.csv', column: 'filed_on', rule: 'date_format', message: 'a date is written YYYY-MM-DD', value: 'x' };
  await finishSubmission(api.platform, 'paging-fixture', {
    status: 'partly_stored', files: [{ name: 'insurers.csv', lines: 2, stored: 0, rejected: 2 }],
    rejects: [{ ...reject, line: 2 }, { ...reject, line: 3 }],
  });
});

afterAll(async () => {
  await api?.close();
});

test('every paged field of schema.graphql is reached with arguments', () => {
  expect(unreachable).toEqual([]);
  expect(fields.length).toBeGreaterThanOrEqual(12);
});

test.each(fields.map((field) => [field.coordinate, field] as const))('%s: page 9999 reports the total of page 1', async (coordinate, field) => {
  const totalOf = async (page: number): Promise<{ total: number; page: number }> => {
    const answer = await api.as('province', field.operation(page));
    expect(answer.errors).toBeUndefined();
    const node = Object.values(answer.data!)[0] as Record<string, any>;
    return coordinate.startsWith('Query.') ? (node as { total: number; page: number }) : node[coordinate.split('.')[1]];
  };
  const first = await totalOf(1);
  expect(first.total).toBeGreaterThan(0);
  const pastTheEnd = await totalOf(9999);
  expect(pastTheEnd).toEqual({ total: first.total, page: 9999 });
});
