/**
 * A verdict is only as good as the rule it was judged against, so every figure that judges shows
 * which rule and which document: the document's number on screen, the full citation in the tooltip,
 * both in the dashboard's language. The API sends a rule's words in both languages, so switching the
 * language needs no new request.
 */
import type { RuleWording } from '../../../domain/rulebook';
import { ruleValueWords } from '../../../domain/rule-words';
import type { Language } from './i18n';

export interface RuleCitation {
  id: string;
  value: string;
  zh: RuleWording;
  en: RuleWording;
}

/** The document number in the dashboard's language: what stands beside a verdict. */
export function shortSource(rule: RuleCitation, language: Language): string {
  return rule[language].document;
}

/** Each distinct document once, in the order given: "晋应急发〔2024〕114号 · 应急〔2025〕27号". */
export function shortSources(rules: RuleCitation[], language: Language): string {
  return [...new Set(rules.map((rule) => shortSource(rule, language)))].join(' · ');
}

/** The full citation, one rule a line: title, value and unit, source and clause. */
export function citation(rules: RuleCitation[], language: Language): string {
  return rules.map((rule) => {
    const words = rule[language];
    return `${words.title}: ${ruleValueWords(rule.value, words.unit, language)} — ${words.source}, ${words.clause}`;
  }).join('\n');
}
