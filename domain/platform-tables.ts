/**
 * The platform's submitted tables, which are also the files of the exchange format (`<name>.csv`,
 * docs/definitions.md), in dependency order: a table comes after every table it refers to, so that the import
 * reads, the generator writes and the ETL loads them in this order. What each table holds is
 * described once, in platform/tables.ts; the warehouse, which may not see the platform, takes the
 * names and their order from here.
 */
export const PLATFORM_TABLE_NAMES = [
  'enterprises', 'insurers', 'providers', 'policies', 'policy_shares', 'services', 'fee_ledger', 'claims',
  'insurer_filings', 'annual_reports',
] as const;
export type PlatformTableName = (typeof PLATFORM_TABLE_NAMES)[number];
