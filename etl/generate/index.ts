/**
 * The demo data generator (issue 2, part 5): a deterministic, realistic Shanxi dataset for the
 * platform database or as exchange-format CSV files. See ./dataset for what it contains.
 */
export { DEMO_TABLES, DemoDataset, generateDemoBatches, type DemoBatch, type DemoRows, type DemoTable } from './dataset';
export { CSV_FILES } from './csv';
export {
  DEFAULT_YEARS, GenerateOptionsError, SCALES, parseScale, parseSeed, parseUntil, parseYears,
  type GenerateOptions, type Scale, type YearRange,
} from './options';
export { formatSummary, type GenerateSummary } from './summary';
export { generateToCsv, generateToDatabase, type CsvGenerateOptions, type DatabaseGenerateOptions, type GenerateProgress } from './write';
