/**
 * The eight files of the CSV exchange format (docs/definitions.md), in the order they are imported: a file
 * comes after every file it refers to. Each column names the entity field it fills and how its cell
 * is read; `references` names the file whose ids a column points at.
 */
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import {
  CLAIM_STATUSES, ENTERPRISE_STATUSES, INDUSTRIES, RISK_LEVELS, SERVICE_KINDS, SIZES, STANDARDIZATION_GRADES,
} from '../../domain/vocabulary';
import {
  ClaimRow, EnterpriseRow, FeeLedgerRow, InsurerRow, PolicyRow, PolicyShareRow, ProviderRow, ServiceRow,
} from '../../platform/entities';
import {
  boolean, CellReader, count, countyCode, date, identifier, money, oneOf, sharePercent, text, uscc,
} from './cells';

export const FILE_NAMES = [
  'enterprises', 'insurers', 'providers', 'policies', 'policy_shares', 'services', 'fee_ledger', 'claims',
] as const;
export type FileName = (typeof FILE_NAMES)[number];

/** The files whose rows others refer to by `id`. */
export type ReferencedFile = 'enterprises' | 'insurers' | 'providers' | 'policies' | 'services';

export interface ColumnSpec {
  column: string;
  field: string;
  read: CellReader;
  required: boolean;
  references?: ReferencedFile;
}

export interface FileSpec {
  name: FileName;
  entity: EntityTarget<ObjectLiteral & { updatedAt: number }>;
  columns: ColumnSpec[];
  /** The columns that identify a row: a second row with the same values in one file is a duplicate. */
  key: string[];
}

/** Matches the varchar(64) id columns of the platform schema. */
const ID = identifier(64);

const required = (column: string, field: string, read: CellReader): ColumnSpec => ({ column, field, read, required: true });
const optional = (column: string, field: string, read: CellReader): ColumnSpec => ({ column, field, read, required: false });
const reference = (column: string, field: string, references: ReferencedFile, isRequired = true): ColumnSpec => ({
  column, field, read: ID, required: isRequired, references,
});

export const FILE_SPECS: Record<FileName, FileSpec> = {
  enterprises: {
    name: 'enterprises',
    entity: EnterpriseRow,
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('uscc', 'uscc', uscc),
      required('name', 'name', text(200)),
      required('industry', 'industry', oneOf('industry', INDUSTRIES)),
      required('size', 'size', oneOf('enterprise size', SIZES)),
      required('county_code', 'countyCode', countyCode),
      required('status', 'status', oneOf('enterprise status', ENTERPRISE_STATUSES)),
      required('risk_level', 'riskLevel', oneOf('risk level', RISK_LEVELS)),
      optional('standardization_grade', 'standardizationGrade', oneOf('standardization grade', STANDARDIZATION_GRADES, 'none')),
      optional('employees', 'employees', count),
    ],
  },
  insurers: {
    name: 'insurers',
    entity: InsurerRow,
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('name', 'name', text(200)),
      optional('filed_on', 'filedOn', date),
    ],
  },
  providers: {
    name: 'providers',
    entity: ProviderRow,
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('name', 'name', text(200)),
      optional('qualification_no', 'qualificationNo', text(64)),
      optional('qualified_until', 'qualifiedUntil', date),
      required('blacklisted', 'blacklisted', boolean),
    ],
  },
  policies: {
    name: 'policies',
    entity: PolicyRow,
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      required('policy_no', 'policyNo', text(64)),
      reference('enterprise_id', 'enterpriseId', 'enterprises'),
      required('start_date', 'startDate', date),
      required('end_date', 'endDate', date),
      required('premium', 'premiumFen', money),
      required('premium_received', 'premiumReceivedFen', money),
      required('death_limit_per_person', 'deathLimitPerPersonFen', money),
      optional('insured_persons', 'insuredPersons', count),
      required('cancelled', 'cancelled', boolean),
    ],
  },
  policy_shares: {
    name: 'policy_shares',
    entity: PolicyShareRow,
    key: ['policy_id', 'insurer_id'],
    columns: [
      reference('policy_id', 'policyId', 'policies'),
      reference('insurer_id', 'insurerId', 'insurers'),
      required('share_percent', 'shareHundredths', sharePercent),
    ],
  },
  services: {
    name: 'services',
    entity: ServiceRow,
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      reference('policy_id', 'policyId', 'policies', false),
      reference('enterprise_id', 'enterpriseId', 'enterprises'),
      reference('insurer_id', 'insurerId', 'insurers'),
      // Empty: the insurer's own team delivered the service.
      reference('provider_id', 'providerId', 'providers', false),
      required('kind', 'kind', oneOf('service kind', SERVICE_KINDS)),
      required('service_date', 'serviceDate', date),
      required('cost', 'costFen', money),
      required('hazards_found', 'hazardsFound', count),
      required('hazards_rectified', 'hazardsRectified', count),
    ],
  },
  fee_ledger: {
    name: 'fee_ledger',
    entity: FeeLedgerRow,
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      reference('insurer_id', 'insurerId', 'insurers'),
      required('county_code', 'countyCode', countyCode),
      required('entry_date', 'entryDate', date),
      required('amount', 'amountFen', money),
      required('category', 'category', text(64)),
      reference('service_id', 'serviceId', 'services', false),
    ],
  },
  claims: {
    name: 'claims',
    entity: ClaimRow,
    key: ['id'],
    columns: [
      required('id', 'id', ID),
      reference('policy_id', 'policyId', 'policies'),
      optional('accident_date', 'accidentDate', date),
      required('reported_on', 'reportedOn', date),
      required('deaths', 'deaths', count),
      required('injuries', 'injuries', count),
      required('claimed_amount', 'claimedAmountFen', money),
      optional('paid_amount', 'paidAmountFen', money),
      required('status', 'status', oneOf('claim status', CLAIM_STATUSES)),
      optional('settled_on', 'settledOn', date),
      optional('denial_reason', 'denialReason', text(500)),
    ],
  },
};
