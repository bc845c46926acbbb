/**
 * The domain vocabulary of docs/definitions.md, shared by the import, the generator, the ETL and the API.
 * Codes are the exchange format's lower-case strings; the Chinese terms are what regulators read.
 */

/** 高危行业: insurance is mandatory for operating enterprises in these. */
export const HIGH_RISK_INDUSTRIES = ['coal_mine', 'non_coal_mine', 'hazardous_chemicals', 'fireworks', 'metallurgy'] as const;
export const INDUSTRIES = [...HIGH_RISK_INDUSTRIES, 'other'] as const;
export type HighRiskIndustry = (typeof HIGH_RISK_INDUSTRIES)[number];
export type Industry = (typeof INDUSTRIES)[number];

/** 规模: 大/中/小/微. */
export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type EnterpriseSize = (typeof SIZES)[number];

/** Only `operating` enterprises are mandatory. */
export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'closed'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** 安全风险等级: 重大(红) 较大(橙) 一般(黄) 低(蓝). */
export const RISK_LEVELS = ['major', 'high', 'general', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** 安全生产标准化等级; null means none. */
export const STANDARDIZATION_GRADES = ['1', '2', '3'] as const;

/** The two kinds that count towards service frequency are the first two. */
export const SERVICE_KINDS = ['risk_assessment', 'hazard_investigation', 'training', 'drill', 'other'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const CLAIM_STATUSES = ['open', 'paid', 'denied', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export function isHighRisk(industry: string): industry is HighRiskIndustry {
  return (HIGH_RISK_INDUSTRIES as readonly string[]).includes(industry);
}

/**
 * 资料报送: the checklist of 附件1, one code per item an insurer's filing must deliver (docs/definitions.md 13).
 * Head office first (总公司), then the Shanxi branch (分公司).
 */
export const FILING_ITEMS = [
  'hq_business_licence', 'hq_insurance_permit', 'hq_audited_report', 'hq_risk_rating',
  'branch_business_licence', 'branch_insurance_permit', 'branch_service_teams', 'branch_offices',
  'filed_products', 'liability_record_3y', 'prevention_plan', 'commitment_letter',
] as const;
export type FilingItem = (typeof FILING_ITEMS)[number];
