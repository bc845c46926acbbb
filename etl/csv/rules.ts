/**
 * Every rule the import rejects by, with its name as it appears in a reject's `rule` column and its
 * English description; the words in both languages are domain/import-rules.ts's.
 */
import { IMPORT_RULE_WORDS, type ImportRuleName } from '../../domain/import-rules';

export type RuleName = ImportRuleName;

export const IMPORT_RULES = Object.fromEntries(
  Object.entries(IMPORT_RULE_WORDS).map(([name, words]) => [name, words.en]),
) as { [Name in RuleName]: string };
