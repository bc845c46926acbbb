/**
 * A rule's versions as bound SQL arrays, so that one query can judge each row against the version in
 * force on that row's own day (a policy against the rule in force on its start date). The rulebook
 * stays the only home of the values: they reach ClickHouse as parameters, never as SQL text.
 */
import type { Rule, Rulebook, RuleKind } from '../../domain/rulebook';

/** The last day a ClickHouse `Date` can hold: stands for "not replaced yet". */
const OPEN_END = '2149-06-06';

export interface RulePeriods {
  versions: readonly Rule[];
  params: Record<string, unknown>;
  /** 1-based position of the version in force on `dayExpr`, 0 when none was. */
  indexSql(dayExpr: string): string;
  /** The version's value as text at a position computed by `indexSql` ('' at 0). */
  valueSql(indexExpr: string): string;
  /** The version's id at a position computed by `indexSql` ('' at 0). */
  idSql(indexExpr: string): string;
}

/** `prefix` names the parameters (`{prefix_from:Array(Date)}` …); it must be a code constant. */
export function rulePeriods(rulebook: Rulebook, kind: RuleKind, prefix: string): RulePeriods {
  const versions = rulebook.versionsOf(kind);
  return {
    versions,
    params: {
      [`${prefix}_from`]: versions.map((rule) => rule.validFrom),
      [`${prefix}_to`]: versions.map((rule) => rule.validTo ?? OPEN_END),
      [`${prefix}_value`]: versions.map((rule) => rule.value),
      [`${prefix}_id`]: versions.map((rule) => rule.id),
    },
    indexSql: (dayExpr) =>
      `arrayFirstIndex((valid_from, valid_to) -> ${dayExpr} >= valid_from AND ${dayExpr} <= valid_to, {${prefix}_from:Array(Date)}, {${prefix}_to:Array(Date)})`,
    valueSql: (indexExpr) => `{${prefix}_value:Array(String)}[${indexExpr}]`,
    idSql: (indexExpr) => `{${prefix}_id:Array(String)}[${indexExpr}]`,
  };
}
