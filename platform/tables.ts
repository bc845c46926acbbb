/**
 * The one description of each submitted platform table (docs/definitions.md, exchange format): its entity, its
 * CSV columns with the entity field each fills and the kind of value it holds, and the columns that
 * identify a row. The import reads cells by it (etl/csv/files.ts), the generator writes its CSV files
 * by it (etl/generate/csv.ts) and fills the tables through its entities, and the ETL takes each
 * table's key from it (etl/load/tables.ts). The tables' order is domain/platform-tables.ts's.
 *
 * Adding a table: its name in domain/platform-tables.ts, its entity (./entities), a migration
 * (./migrations) and an entry here; the warehouse copy and its load are etl/load/tables.ts's and
 * warehouse/schema.ts's.
 */
import { PLATFORM_TABLE_NAMES, type PlatformTableName } from '../domain/platform-tables';
import {
  CLAIM_STATUSES, ENTERPRISE_STATUSES, FILING_ITEMS, INDUSTRIES, RISK_LEVELS, SERVICE_KINDS, SIZES, STANDARDIZATION_GRADES,
} from '../domain/vocabulary';
import {
  AnnualReportRow, ClaimRow, EnterpriseRow, FeeLedgerRow, InsurerFilingRow, InsurerRow, PolicyRow, PolicyShareRow, ProviderRow,
  ServiceRow,
} from './entities';

export { PLATFORM_TABLE_NAMES, type PlatformTableName };

/**
 * What a cell holds, and so how the import reads it and the generator writes it. Money is CNY in the
 * file and whole fen in the entity; a share is percent in the file and hundredths of a percent in
 * the entity; every other value is the same in both.
 */
export type ValueKind =
  /** The submitter's own id, or a reference to one: varchar(64), matched exactly. */
  | { kind: 'id' }
  | { kind: 'text'; maxLength: number }
  /** One of a list of domain/vocabulary.ts; `what` names the list in messages, `emptyMeans` what an empty cell says. */
  | { kind: 'enum'; what: string; values: readonly string[]; emptyMeans?: string }
  /** One of Shanxi's 117 county-level division codes. */
  | { kind: 'county' }
  /** A unified social credit code with its check character (GB 32100). */
  | { kind: 'uscc' }
  | { kind: 'date' }
  /** A calendar year, four digits. */
  | { kind: 'year' }
  | { kind: 'money' }
  /** Counts of people, hazards and the like: whole numbers from 0. */
  | { kind: 'count' }
  | { kind: 'share' }
  | { kind: 'boolean' };

export interface ColumnDescription<Row> {
  /** The exchange format's column name. */
  column: string;
  /** The entity field the column fills. */
  field: Exclude<keyof Row, 'updatedAt'> & string;
  value: ValueKind;
  required: boolean;
  /** The table whose `id` the column holds. */
  references?: PlatformTableName;
  /** For the date of something that has happened: what, for the message when it is after today. */
  happened?: string;
}

export interface TableDescription<Row> {
  entity: new () => Row;
  /** One row in messages: "no insurer "X" in the database". */
  noun: string;
  /** In the order docs/definitions.md lists them, which is the order the generator writes them in. */
  columns: Array<ColumnDescription<Row>>;
  /**
   * The columns that identify a row: a second row with the same values in one file is a duplicate,
   * and re-sending a row updates the one stored. They are the platform table's primary key, under
   * the same names.
   */
  key: string[];
}

const ID: ValueKind = { kind: 'id' };
const DATE: ValueKind = { kind: 'date' };
const MONEY: ValueKind = { kind: 'money' };
const COUNT: ValueKind = { kind: 'count' };
const BOOLEAN: ValueKind = { kind: 'boolean' };
const text = (maxLength: number): ValueKind => ({ kind: 'text', maxLength });
const oneOf = (what: string, values: readonly string[], emptyMeans?: string): ValueKind => ({ kind: 'enum', what, values, emptyMeans });

const required = <Field extends string>(column: string, field: Field, value: ValueKind) => ({ column, field, value, required: true });
const optional = <Field extends string>(column: string, field: Field, value: ValueKind) => ({ column, field, value, required: false });
const reference = <Field extends string>(column: string, field: Field, references: PlatformTableName, isRequired = true) => ({
  column, field, value: ID, required: isRequired, references,
});
/** A date no later than today: it records something that has happened. */
const happened = <Field extends string>(column: string, field: Field, what: string, isRequired = true) => ({
  column, field, value: DATE, required: isRequired, happened: what,
});

/** Checks each column's field against the entity's fields. */
function table<Row>(entity: new () => Row, description: Omit<TableDescription<NoInfer<Row>>, 'entity'>): TableDescription<Row> {
  return { entity, ...description };
}

export const PLATFORM_TABLES = {
  enterprises: table(EnterpriseRow, {
    noun: 'enterprise',
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('uscc', 'uscc', { kind: 'uscc' }),
      required('name', 'name', text(200)),
      required('industry', 'industry', oneOf('industry', INDUSTRIES)),
      required('size', 'size', oneOf('enterprise size', SIZES)),
      required('county_code', 'countyCode', { kind: 'county' }),
      required('status', 'status', oneOf('enterprise status', ENTERPRISE_STATUSES)),
      required('risk_level', 'riskLevel', oneOf('risk level', RISK_LEVELS)),
      optional('standardization_grade', 'standardizationGrade', oneOf('standardization grade', STANDARDIZATION_GRADES, 'none')),
      optional('employees', 'employees', COUNT),
    ],
  }),
  insurers: table(InsurerRow, {
    noun: 'insurer',
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('name', 'name', text(200)),
      happened('filed_on', 'filedOn', 'a filing', false),
    ],
  }),
  providers: table(ProviderRow, {
    noun: 'provider',
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('name', 'name', text(200)),
      optional('qualification_no', 'qualificationNo', text(64)),
      // A qualification may well run beyond today.
      optional('qualified_until', 'qualifiedUntil', DATE),
      required('blacklisted', 'blacklisted', BOOLEAN),
    ],
  }),
  policies: table(PolicyRow, {
    noun: 'policy',
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('policy_no', 'policyNo', text(64)),
      reference('enterprise_id', 'enterpriseId', 'enterprises'),
      // A policy is written before it starts.
      required('start_date', 'startDate', DATE),
      required('end_date', 'endDate', DATE),
      required('premium', 'premiumFen', MONEY),
      required('premium_received', 'premiumReceivedFen', MONEY),
      required('death_limit_per_person', 'deathLimitPerPersonFen', MONEY),
      optional('insured_persons', 'insuredPersons', COUNT),
      required('cancelled', 'cancelled', BOOLEAN),
    ],
  }),
  policy_shares: table(PolicyShareRow, {
    noun: 'co-insurance share',
    key: ['policy_id', 'insurer_id'],
    columns: [
      reference('policy_id', 'policyId', 'policies'),
      reference('insurer_id', 'insurerId', 'insurers'),
      required('share_percent', 'shareHundredths', { kind: 'share' }),
    ],
  }),
  services: table(ServiceRow, {
    noun: 'service',
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      reference('policy_id', 'policyId', 'policies', false),
      reference('enterprise_id', 'enterpriseId', 'enterprises'),
      reference('insurer_id', 'insurerId', 'insurers'),
      // Empty: the insurer's own team delivered the service.
      reference('provider_id', 'providerId', 'providers', false),
      required('kind', 'kind', oneOf('service kind', SERVICE_KINDS)),
      happened('service_date', 'serviceDate', 'a service'),
      required('cost', 'costFen', MONEY),
      required('hazards_found', 'hazardsFound', COUNT),
      required('hazards_rectified', 'hazardsRectified', COUNT),
    ],
  }),
  fee_ledger: table(FeeLedgerRow, {
    noun: 'ledger entry',
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      reference('insurer_id', 'insurerId', 'insurers'),
      required('county_code', 'countyCode', { kind: 'county' }),
      happened('entry_date', 'entryDate', 'a ledger entry'),
      required('amount', 'amountFen', MONEY),
      required('category', 'category', text(64)),
      reference('service_id', 'serviceId', 'services', false),
    ],
  }),
  claims: table(ClaimRow, {
    noun: 'claim',
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      reference('policy_id', 'policyId', 'policies'),
      happened('accident_date', 'accidentDate', 'an accident', false),
      happened('reported_on', 'reportedOn', 'a claim report'),
      required('deaths', 'deaths', COUNT),
      required('injuries', 'injuries', COUNT),
      required('claimed_amount', 'claimedAmountFen', MONEY),
      optional('paid_amount', 'paidAmountFen', MONEY),
      required('status', 'status', oneOf('claim status', CLAIM_STATUSES)),
      happened('settled_on', 'settledOn', 'a settlement', false),
      optional('denial_reason', 'denialReason', text(500)),
    ],
  }),
  insurer_filings: table(InsurerFilingRow, {
    noun: 'filing item',
    key: ['insurer_id', 'item'],
    columns: [
      reference('insurer_id', 'insurerId', 'insurers'),
      required('item', 'item', oneOf('filing item (附件1)', FILING_ITEMS)),
      happened('received_on', 'receivedOn', 'a filing item received'),
    ],
  }),
  annual_reports: table(AnnualReportRow, {
    noun: 'annual report',
    key: ['insurer_id', 'year'],
    columns: [
      reference('insurer_id', 'insurerId', 'insurers'),
      required('year', 'year', { kind: 'year' }),
      happened('submitted_on', 'submittedOn', 'an annual report submitted'),
    ],
  }),
} satisfies { [Name in PlatformTableName]: unknown };

/** The entity of table `Name`, e.g. `PlatformRow<'claims'>` is ClaimRow. */
export type PlatformRow<Name extends PlatformTableName> = InstanceType<(typeof PLATFORM_TABLES)[Name]['entity']>;

/** Any one of the descriptions, with its table's name. */
export type PlatformTable = (typeof PLATFORM_TABLES)[PlatformTableName] & { name: PlatformTableName };

/** Every description, in dependency order. */
export const PLATFORM_TABLE_LIST: readonly PlatformTable[] = PLATFORM_TABLE_NAMES.map((name) => ({ name, ...PLATFORM_TABLES[name] }));
