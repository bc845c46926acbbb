/**
 * The platform database: what insurers and city bureaus submit (docs/definitions.md, exchange format), plus
 * users and the ETL lock. Every submitted table has `updated_at`, epoch milliseconds set by every
 * write (see `stamp` in ./store), which the ETL reads incrementally.
 *
 * Portable column types on purpose: money is whole fen (分) and shares are hundredths of a percent in
 * integer columns, dates are `YYYY-MM-DD`, so that SQLite, PostgreSQL and MySQL hold the same values
 * and ClickHouse reads them the same way from all three.
 */
import 'reflect-metadata';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';

/** PostgreSQL and MySQL return BIGINT as a string; every value here fits in a double exactly. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

const integer = { type: 'bigint', transformer: bigintAsNumber } as const;
const updatedAt = { name: 'updated_at', ...integer } as const;

@Entity('regions')
export class RegionRow {
  @PrimaryColumn({ type: 'varchar', length: 6 }) code!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 8 }) level!: string;
  @Column({ name: 'parent_code', type: 'varchar', length: 6, nullable: true }) parentCode!: string | null;
  @Column(updatedAt) updatedAt!: number;
}

@Entity('enterprises')
export class EnterpriseRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 18 }) uscc!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 32 }) industry!: string;
  @Column({ type: 'varchar', length: 8 }) size!: string;
  @Column({ name: 'county_code', type: 'varchar', length: 6 }) countyCode!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'risk_level', type: 'varchar', length: 16 }) riskLevel!: string;
  @Column({ name: 'standardization_grade', type: 'varchar', length: 1, nullable: true }) standardizationGrade!: string | null;
  @Column({ type: 'integer', nullable: true }) employees!: number | null;
  @Column(updatedAt) updatedAt!: number;
}

@Entity('insurers')
export class InsurerRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ name: 'filed_on', type: 'date', nullable: true }) filedOn!: string | null;
  @Column(updatedAt) updatedAt!: number;
}

@Entity('providers')
export class ProviderRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ name: 'qualification_no', type: 'varchar', length: 64, nullable: true }) qualificationNo!: string | null;
  @Column({ name: 'qualified_until', type: 'date', nullable: true }) qualifiedUntil!: string | null;
  @Column({ type: 'boolean' }) blacklisted!: boolean;
  @Column(updatedAt) updatedAt!: number;
}

@Entity('policies')
export class PolicyRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ name: 'policy_no', type: 'varchar', length: 64 }) policyNo!: string;
  @Column({ name: 'enterprise_id', type: 'varchar', length: 64 }) enterpriseId!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
  @Column({ name: 'premium_fen', ...integer }) premiumFen!: number;
  @Column({ name: 'premium_received_fen', ...integer }) premiumReceivedFen!: number;
  @Column({ name: 'death_limit_per_person_fen', ...integer }) deathLimitPerPersonFen!: number;
  @Column({ name: 'insured_persons', type: 'integer', nullable: true }) insuredPersons!: number | null;
  @Column({ type: 'boolean' }) cancelled!: boolean;
  @Column(updatedAt) updatedAt!: number;
}

/** 共保: one row per insurer of a policy; a policy's shares sum to 100%. */
@Entity('policy_shares')
export class PolicyShareRow {
  @PrimaryColumn({ name: 'policy_id', type: 'varchar', length: 64 }) policyId!: string;
  @PrimaryColumn({ name: 'insurer_id', type: 'varchar', length: 64 }) insurerId!: string;
  /** Hundredths of a percent: 10000 is the whole policy. */
  @Column({ name: 'share_hundredths', type: 'integer' }) shareHundredths!: number;
  @Column(updatedAt) updatedAt!: number;
}

@Entity('services')
export class ServiceRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ name: 'policy_id', type: 'varchar', length: 64, nullable: true }) policyId!: string | null;
  @Column({ name: 'enterprise_id', type: 'varchar', length: 64 }) enterpriseId!: string;
  @Column({ name: 'insurer_id', type: 'varchar', length: 64 }) insurerId!: string;
  /** Null: the insurer's own team. */
  @Column({ name: 'provider_id', type: 'varchar', length: 64, nullable: true }) providerId!: string | null;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ name: 'service_date', type: 'date' }) serviceDate!: string;
  @Column({ name: 'cost_fen', ...integer }) costFen!: number;
  @Column({ name: 'hazards_found', type: 'integer' }) hazardsFound!: number;
  @Column({ name: 'hazards_rectified', type: 'integer' }) hazardsRectified!: number;
  @Column(updatedAt) updatedAt!: number;
}

/** 事故预防服务费用台账. */
@Entity('fee_ledger')
export class FeeLedgerRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ name: 'insurer_id', type: 'varchar', length: 64 }) insurerId!: string;
  @Column({ name: 'county_code', type: 'varchar', length: 6 }) countyCode!: string;
  @Column({ name: 'entry_date', type: 'date' }) entryDate!: string;
  @Column({ name: 'amount_fen', ...integer }) amountFen!: number;
  @Column({ type: 'varchar', length: 64 }) category!: string;
  @Column({ name: 'service_id', type: 'varchar', length: 64, nullable: true }) serviceId!: string | null;
  @Column(updatedAt) updatedAt!: number;
}

@Entity('claims')
export class ClaimRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ name: 'policy_id', type: 'varchar', length: 64 }) policyId!: string;
  @Column({ name: 'accident_date', type: 'date', nullable: true }) accidentDate!: string | null;
  @Column({ name: 'reported_on', type: 'date' }) reportedOn!: string;
  @Column({ type: 'integer' }) deaths!: number;
  @Column({ type: 'integer' }) injuries!: number;
  @Column({ name: 'claimed_amount_fen', ...integer }) claimedAmountFen!: number;
  @Column({ name: 'paid_amount_fen', ...integer, nullable: true }) paidAmountFen!: number | null;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'settled_on', type: 'date', nullable: true }) settledOn!: string | null;
  @Column({ name: 'denial_reason', type: 'varchar', length: 500, nullable: true }) denialReason!: string | null;
  @Column(updatedAt) updatedAt!: number;
}

/**
 * 资料报送: one row per checklist item of 附件1 an insurer's filing has delivered (docs/definitions.md 13). The
 * filing is complete once every item has a row; sending an item again replaces its date.
 */
@Entity('insurer_filings')
export class InsurerFilingRow {
  @PrimaryColumn({ name: 'insurer_id', type: 'varchar', length: 64 }) insurerId!: string;
  @PrimaryColumn({ type: 'varchar', length: 32 }) item!: string;
  @Column({ name: 'received_on', type: 'date' }) receivedOn!: string;
  @Column(updatedAt) updatedAt!: number;
}

/** 年度报告: when an insurer submitted its report on year `year` (docs/definitions.md 14); no row, not submitted. */
@Entity('annual_reports')
export class AnnualReportRow {
  @PrimaryColumn({ name: 'insurer_id', type: 'varchar', length: 64 }) insurerId!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @Column({ name: 'submitted_on', type: 'date' }) submittedOn!: string;
  @Column(updatedAt) updatedAt!: number;
}

/** Dashboard users; `scope` is a city code for `city`, an insurer id for `insurer`. */
@Entity('users')
export class UserRow {
  @PrimaryGeneratedColumn() id!: number;
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ name: 'password_hash', type: 'varchar', length: 200 }) passwordHash!: string;
  @Column({ type: 'varchar', length: 16 }) role!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) scope!: string | null;
  @Column({ name: 'created_at', ...integer }) createdAt!: number;
  /** Raised by every change that must end the user's sessions; a token carries the version it was signed at. */
  @Column({ name: 'token_version', type: 'integer', default: 0 }) tokenVersion!: number;
  /** Epoch milliseconds; a disabled user can neither sign in nor use a token. */
  @Column({ name: 'disabled_at', ...integer, nullable: true }) disabledAt!: number | null;
}

/** One row while an ETL runs: a second run is refused while it is held by a live process. */
@Entity('etl_lock')
export class EtlLockRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) name!: string;
  @Column({ type: 'varchar', length: 200 }) holder!: string;
  @Column({ name: 'acquired_at', ...integer }) acquiredAt!: number;
  @Column({ name: 'heartbeat_at', ...integer }) heartbeatAt!: number;
}

/**
 * One upload of exchange files from the dashboard (数据报送): who sent it, when, what each file gave,
 * and how it ended. `files` is JSON: `[{ name, lines, stored, rejected }]` in the order imported.
 */
@Entity('submissions')
export class SubmissionRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ type: 'varchar', length: 16 }) role!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) scope!: string | null;
  @Column({ name: 'received_at', ...integer }) receivedAt!: number;
  @Column({ name: 'finished_at', ...integer, nullable: true }) finishedAt!: number | null;
  /** `running`, then `stored`, `partly_stored`, `refused` or `failed`. */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'text' }) files!: string;
  @Column({ type: 'integer' }) lines!: number;
  @Column({ type: 'integer' }) stored!: number;
  @Column({ type: 'integer' }) rejected!: number;
  /** Rejects recorded (a row may have several). */
  @Column({ name: 'reject_count', type: 'integer' }) rejectCount!: number;
  /** Why a submission failed (the database refused a write, say); null otherwise. */
  @Column({ type: 'varchar', length: 500, nullable: true }) failure!: string | null;
}

/** The rejects of a submission, in the order reported, kept for the submitter to download. */
@Entity('submission_rejects')
export class SubmissionRejectRow {
  @PrimaryColumn({ name: 'submission_id', type: 'varchar', length: 36 }) submissionId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 64 }) file!: string;
  @Column({ type: 'integer' }) line!: number;
  @Column({ name: 'column_name', type: 'varchar', length: 64, nullable: true }) column!: string | null;
  @Column({ type: 'varchar', length: 32 }) rule!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'text', nullable: true }) value!: string | null;
}

export const PLATFORM_ENTITIES = [
  RegionRow, EnterpriseRow, InsurerRow, ProviderRow, PolicyRow, PolicyShareRow,
  ServiceRow, FeeLedgerRow, ClaimRow, InsurerFilingRow, AnnualReportRow, UserRow, EtlLockRow,
  SubmissionRow, SubmissionRejectRow,
];
