/**
 * A rule's words follow the dashboard's language everywhere a rule is shown: the fee chart's
 * footnote, the filing table of an insurer's page and the filing cell's tooltip, the rule column of
 * the violations list. The rules are the real ones of the rulebook, in the shape the API serves them:
 * the Chinese screen shows none of their English, the English screen none of their Chinese.
 */
import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { RULEBOOK } from '../../domain/rulebook';
import { FeeRatioChart, type InsurerFeeRatio } from '../src/components/FeeRatioChart';
import { FilingTable, YearFilingCell, type FilingVerdict } from '../src/components/FilingStatus';
import { I18nProvider, type Language } from '../src/lib/i18n';
import { RouterProvider } from '../src/lib/router';
import type { RuleCitation } from '../src/lib/rules';
import { VIOLATIONS_QUERY, ViolationsView } from '../src/views/ViolationsView';

afterEach(cleanup);

/** A rule of the rulebook as the API's `Rule { id value zh {…} en {…} }`. */
function served(id: string): RuleCitation & { __typename: 'Rule' } {
  const rule = RULEBOOK.ruleById(id);
  if (!rule) throw new Error(`no rule ${id} in the rulebook`);
  return {
    __typename: 'Rule', id: rule.id, value: rule.value,
    zh: { __typename: 'RuleWording', ...rule.zh }, en: { __typename: 'RuleWording', ...rule.en },
  } as RuleCitation & { __typename: 'Rule' };
}

/** Han characters and the full-width punctuation that comes with them. */
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** What the other language would have put there: every word of the rules' other-language texts. */
function otherLanguageWords(rules: RuleCitation[], language: Language): string[] {
  const other = language === 'zh' ? 'en' : 'zh';
  return rules.flatMap((rule) => [rule[other].title, rule[other].clause, rule[other].source, rule[other].unit]);
}

function expectOnlyLanguage(text: string, language: Language, rules: RuleCitation[]) {
  expect(text.trim()).not.toBe('');
  if (language === 'zh') expect(text).not.toMatch(LATIN_WORD);
  else expect(text).not.toMatch(CHINESE);
  for (const words of otherLanguageWords(rules, language)) expect(text).not.toContain(words);
  for (const rule of rules) expect(text).toContain(rule[language].document);
}

function inLanguage(language: Language, children: ReactNode, mocks: MockedResponse[] = []) {
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider initial={language}><RouterProvider>{children}</RouterProvider></I18nProvider>
    </MockedProvider>,
  );
}

const LANGUAGES = ['zh', 'en'] as const;

describe('the fee chart footnote', () => {
  const floor = served('fee_ratio_floor/2024');
  const cap = served('fee_ratio_cap/2025');
  const row: InsurerFeeRatio = {
    insurer: { id: 'I1', name: 'I1' }, premiumReceived: '100.00', preventionSpending: '16.00', ratio: 0.16, compliant: true, floorRule: floor, capRule: cap, yearFiling: { year: 2025, status: 'NO_DEADLINE', completeOn: '2024-05-01', deadline: null, missing: [], rule: null },
  };
  it.each(LANGUAGES)('cites the floor and the cap in %s only', (language) => {
    inLanguage(language, <FeeRatioChart rows={[row]} />);
    const footnote = document.querySelector('p.rule-source');
    expect(footnote).not.toBeNull();
    const text = footnote!.textContent ?? '';
    expectOnlyLanguage(text, language, [floor, cap]);
    expect(text).toContain(floor[language].clause);
    expect(text).toContain(cap[language].clause);
  });
});

describe('the filing verdicts', () => {
  const deadline = served('filing_deadline/2024');
  const verdicts: FilingVerdict[] = [{ deadline: '2024-05-31', status: 'LATE', rule: deadline }];
  it.each(LANGUAGES)('name the deadline rule in %s only on the insurer page', (language) => {
    inLanguage(language, <FilingTable filedOn="2024-06-05" verdicts={verdicts} />);
    const cells = [...document.querySelectorAll('tbody td')];
    const ruleText = [cells[0], cells[4]].map((cell) => cell.textContent ?? '').join(' ');
    expectOnlyLanguage(ruleText, language, [deadline]);
    expect(cells[0].textContent).toBe(deadline[language].title);
    expectOnlyLanguage(cells[4].getAttribute('title') ?? '', language, [deadline]);
  });
  it.each(LANGUAGES)('cite it in %s only in the tooltip of the insurers table', (language) => {
    inLanguage(language, <YearFilingCell filing={{ year: 2024, status: 'LATE', completeOn: '2024-06-05', deadline: '2024-05-31', missing: [], rule: deadline }} />);
    const tooltip = document.querySelector('[data-year-filing]')?.getAttribute('title') ?? '';
    const citationLine = tooltip.split('\n').pop() ?? '';
    expectOnlyLanguage(citationLine, language, [deadline]);
  });
});

describe('the violations list', () => {
  const floor = served('death_limit_floor/2025');
  const mocks = (): MockedResponse[] => [{
    request: { query: VIOLATIONS_QUERY, variables: { year: 2025, region: '140000', insurer: 'I2', enterprise: null, kinds: null, page: 1, pageSize: 50 } },
    result: { data: { violations: {
      __typename: 'ViolationPage', total: 1, page: 1, pageSize: 50,
      byKind: [{ __typename: 'ViolationCount', kind: 'DEATH_LIMIT_BELOW_FLOOR', count: 1 }],
      items: [{
        __typename: 'Violation', kind: 'DEATH_LIMIT_BELOW_FLOOR', day: '2025-07-01', detail: '', county: { __typename: 'Region', code: '140212', name: '新荣区' },
        enterpriseId: 'E14', enterpriseName: '大同新荣丁冶炼有限公司', policyId: 'P14', serviceId: null, providerId: null, insurers: [], rule: floor,
        facts: {
          __typename: 'ViolationFacts', evaluatedOn: null, lastPolicyEnd: null, year: null, preventionSpending: null, premiumReceived: null, ratio: null,
          limitPercent: null, riskAssessments: null, hazardInvestigations: null, requiredEach: null, windowStart: null, windowEnd: null, firstService: null,
          deathLimit: '350000.00', deathLimitFloor: '400000.00', providerName: null, providerDefect: null, qualifiedUntil: null,
        },
      }],
    } } },
  }];
  it.each(LANGUAGES)('shows the rule and its document in %s only', async (language) => {
    inLanguage(language, <ViolationsView filters={{ year: 2025, kinds: [], page: 1 }} viewer={{ username: 'pingan', role: 'insurer', scope: 'I2' }} />, mocks());
    const source = await waitFor(() => {
      const found = document.querySelector('td.rule-cell .rule-source');
      if (!found) throw new Error('no rule cell yet');
      return found;
    });
    expectOnlyLanguage(source.textContent ?? '', language, [floor]);
    expectOnlyLanguage(source.closest('td')?.getAttribute('title') ?? '', language, [floor]);
  });
});
