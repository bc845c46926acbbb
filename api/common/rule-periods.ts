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
  /** The version's value as an Int32 at a position computed by `indexSql` (0 at 0, and for a value that is not a whole number). */
  integerSql(indexExpr: string): string;
  /** The version's value as Decimal64(2) (the scale of money columns) at a position computed by `indexSql` (0 at 0). */
  decimalSql(indexExpr: string): string;
  /** The version's id at a position computed by `indexSql` ('' at 0). */
  idSql(indexExpr: string): string;
}

/**
 * `prefix` names the parameters (`{prefix_from_1:Date}`, `{prefix_value:Array(String)}` …); it must be a
 * code constant. The look-ups are written for a column of many rows: the version is found by a
 * `multiIf` of date comparisons and its value taken by `transform` from arrays converted once per
 * query, both vectorised; a lambda over the bound arrays, or an array indexed per row, would build
 * the arrays again for every row (at national scale most of a judgement's time).
 */
export function rulePeriods(rulebook: Rulebook, kind: RuleKind, prefix: string): RulePeriods {
  const versions = rulebook.versionsOf(kind);
  const positions = `[${versions.map((_, index) => index + 1).join(', ')}]`;
  const pick = (indexExpr: string, values: string, otherwise: string) =>
    (versions.length === 0 ? otherwise : `transform(${indexExpr}, ${positions}, ${values}, ${otherwise})`);
  return {
    versions,
    params: {
      ...Object.fromEntries(versions.flatMap((rule, index) => [
        [`${prefix}_from_${index + 1}`, rule.validFrom], [`${prefix}_to_${index + 1}`, rule.validTo ?? OPEN_END],
      ])),
      [`${prefix}_value`]: versions.map((rule) => rule.value),
      [`${prefix}_id`]: versions.map((rule) => rule.id),
    },
    indexSql: (dayExpr) => (versions.length === 0
      ? 'toUInt8(0)'
      : `multiIf(${versions.map((_, index) =>
        `${dayExpr} >= {${prefix}_from_${index + 1}:Date} AND ${dayExpr} <= {${prefix}_to_${index + 1}:Date}, ${index + 1}`).join(', ')}, 0)`),
    valueSql: (indexExpr) => pick(indexExpr, `{${prefix}_value:Array(String)}`, "''"),
    integerSql: (indexExpr) => pick(indexExpr, `arrayMap(value -> toInt32OrZero(value), {${prefix}_value:Array(String)})`, 'toInt32(0)'),
    decimalSql: (indexExpr) => pick(indexExpr, `arrayMap(value -> toDecimal64(value, 2), {${prefix}_value:Array(String)})`, 'toDecimal64(0, 2)'),
    idSql: (indexExpr) => pick(indexExpr, `{${prefix}_id:Array(String)}`, "''"),
  };
}
