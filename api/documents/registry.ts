/**
 * Every document the platform produces, by the file name it is downloaded under
 * (`GET /api/documents/<name>`) and that `npm run report` chooses by its options.
 */
import { ANNUAL_REPORT_DOCUMENT } from '../annual-report/annual-report.workbook';
import { EVALUATION_DOCUMENT } from '../evaluation/evaluation.workbook';
import type { DocumentKind } from './documents';

export const DOCUMENTS: Readonly<Record<string, DocumentKind>> = {
  'annual-report.xlsx': ANNUAL_REPORT_DOCUMENT,
  'evaluation.xlsx': EVALUATION_DOCUMENT,
};
