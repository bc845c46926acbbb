/**
 * A verdict is only as good as the rule it was judged against, so every figure that judges shows
 * which rule and which document: the document's number on screen, the full citation in the tooltip.
 */
export interface RuleCitation {
  id: string;
  title: string;
  value: string;
  unit: string;
  source: string;
  clause: string;
}

/** "晋应急发〔2024〕114号": the document number, which leads every source in the rulebook. */
export function shortSource(rule: Pick<RuleCitation, 'source'>): string {
  return rule.source.split(' ')[0];
}

/** Each distinct document once, in the order given: "晋应急发〔2024〕114号 · 应急〔2025〕27号". */
export function shortSources(rules: Pick<RuleCitation, 'source'>[]): string {
  return [...new Set(rules.map(shortSource))].join(' · ');
}

/** The full citation, one rule a line: title, value and unit, source and clause. */
export function citation(rules: RuleCitation[]): string {
  return rules.map((rule) => `${rule.title}: ${rule.value} ${rule.unit} — ${rule.source}, ${rule.clause}`).join('\n');
}
