/**
 * Every rule the import rejects by, with its name as it appears in a reject's `rule` column. A file
 * rule refuses the whole file; a row rule rejects the row and names the column it concerns.
 */
export const IMPORT_RULES = {
  // The folder and its files
  unknown_file: 'a CSV file whose name is not one of the ten platform files; not read',
  symlink: 'a symbolic link: refused, not followed; the submission is the files in the folder itself',
  not_a_file: 'a directory, device or pipe named like a CSV file; not read',
  encoding: 'the file is not UTF-8 (GBK/GB18030 and UTF-16 are named); the whole file is refused',
  empty_file: 'the file has no header row',
  unknown_column: 'a header names a column the file does not have; the whole file is refused',
  missing_column: 'a header lacks one of the file\'s columns; the whole file is refused',
  duplicate_column: 'a header names a column twice; the whole file is refused',
  // The CSV syntax of one row
  csv_syntax: 'a quote out of place: inside a cell that does not start with one, after a closing quote, or never closed; the row is rejected at the line where its bad cell opens and the lines after it are read again',
  column_count: 'the row has more or fewer cells than the header',
  // One cell
  required: 'a required cell is empty',
  control_character: 'a cell holds a control character (NUL and the other C0 controls but tab and line breaks, DEL); an id holds none at all',
  id_whitespace: 'an id (or a reference to one) starts or ends with whitespace; ids are matched exactly, so it would be another id',
  too_long: 'more characters than the column holds',
  enum: 'not one of the column\'s allowed values',
  county_code: 'not one of Shanxi\'s 117 county-level division codes',
  uscc_length: 'a unified social credit code has 18 characters',
  uscc_character: 'a unified social credit code uses 0-9 and A-Y without I, O, S, V, Z (GB 32100)',
  uscc_check: 'the check character of the unified social credit code is wrong (GB 32100)',
  date_format: 'a date is written YYYY-MM-DD',
  date_invalid: 'no such calendar day',
  money_format: 'money is a plain decimal in CNY, e.g. 12345.60',
  money_places: 'money has at most two decimal places',
  money_negative: 'money is not negative',
  integer: 'a whole number from 0 to 2147483647',
  boolean: 'true or false',
  year: 'a year is written as four digits, 2020 or later',
  share_format: 'a share is a plain decimal percentage with at most two places',
  share_range: 'a share is more than 0 and at most 100 percent',
  // Between the cells of one row
  end_before_start: 'a policy ends before it starts',
  rectified_exceeds_found: 'more hazards rectified than found',
  reported_before_accident: 'a claim reported before its accident',
  settled_before_reported: 'a claim settled before it was reported',
  paid_without_amount: 'a paid claim without its paid_amount',
  denied_without_reason: 'a denied claim without its denial_reason',
  submitted_before_year: 'an annual report submitted before the year it reports on began',
  future_date: 'a fact dated after today (Asia/Shanghai): a service, ledger entry, accident, claim report or settlement, an insurer\'s filing or filing item, or an annual report\'s submission',
  // Between rows, files and what is stored
  duplicate_id: 'a second row with the same id (for policy_shares.csv the same policy and insurer, for insurer_filings.csv the same insurer and item, for annual_reports.csv the same insurer and year) in one file; the first stands',
  duplicate_uscc: 'a unified social credit code given to another enterprise earlier in the file or stored for another enterprise',
  dangling_reference: 'a reference to a row neither stored nor in this submission, or to one this submission rejected',
  service_enterprise_mismatch: 'a service names another enterprise than its policy insures',
  shares_sum: 'a policy\'s co-insurance shares in the file do not sum to exactly 100%; its stored shares stay',
} as const;

export type RuleName = keyof typeof IMPORT_RULES;
