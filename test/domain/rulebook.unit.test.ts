/**
 * The rulebook's checks on load: each mistake an editor of rulebook.data.ts could make stops the load
 * with the rule's id and what is wrong, and the rulebook the program ships passes them all.
 */
import { ruleValueWords } from '../../domain/rule-words';
import { RULEBOOK, Rulebook, RulebookError } from '../../domain/rulebook';
import { RULEBOOK_ENTRIES, type RuleEntry, type RulebookEntries } from '../../domain/rulebook.data';

/** The shipped entries with the rule `id` changed by `change` (or removed when it returns null). */
function withRule(id: string, change: (entry: RuleEntry) => RuleEntry | null, extra: RuleEntry[] = []): RulebookEntries {
  const rules = RULEBOOK_ENTRIES.rules.flatMap((entry) => {
    if (entry.id !== id) return [entry];
    const changed = change(entry);
    return changed === null ? [] : [changed];
  });
  return { documents: RULEBOOK_ENTRIES.documents, rules: [...rules, ...extra] };
}

function problemsOf(entries: RulebookEntries): readonly string[] {
  try {
    Rulebook.load(entries);
  } catch (error) {
    if (error instanceof RulebookError) return error.problems;
    throw error;
  }
  return [];
}

const FLOOR_2025 = RULEBOOK_ENTRIES.rules.find((entry) => entry.id === 'death_limit_floor/2025') as RuleEntry;

test('the shipped rulebook loads, every rule with words in both languages', () => {
  expect(problemsOf(RULEBOOK_ENTRIES)).toEqual([]);
  for (const rule of RULEBOOK.rules) {
    for (const language of ['zh', 'en'] as const) {
      for (const words of Object.values(rule[language])) expect(words.trim()).not.toBe('');
    }
    expect(Object.values(rule.en).join(' ')).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
    expect(rule.zh.title).toMatch(/[\u4e00-\u9fff]/);
    expect(rule.zh.clause).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(RULEBOOK.ruleById('fee_ratio_cap/2025')?.en).toEqual({
    title: 'Prevention spending, maximum share of premium received',
    unit: '% of premium received',
    document: 'Yingji [2025] No. 27',
    source: 'Yingji [2025] No. 27 Implementing Measures for Work-Safety Liability Insurance (in force 2025-03-29, replacing Anjian Zongban [2017] No. 140)',
    clause: 'Prevention spending capped at 21% of premium received',
  });
  expect(RULEBOOK.ruleById('fee_ratio_cap/2025')?.zh.document).toBe('应急〔2025〕27号');
});

test('the rule in force on a day is the version whose days hold it', () => {
  expect(RULEBOOK.ruleInForce('death_limit_floor', '2025-03-28')?.id).toBe('death_limit_floor/2024');
  expect(RULEBOOK.ruleInForce('death_limit_floor', '2025-03-29')?.id).toBe('death_limit_floor/2025');
  expect(RULEBOOK.ruleInForce('fee_ratio_cap', '2025-03-28')).toBeUndefined();
  expect(RULEBOOK.ruleInForce('filing_deadline', '2025-01-01')).toBeUndefined();
  expect(RULEBOOK.versionsOf('death_limit_floor').map((rule) => rule.id)).toEqual(['death_limit_floor/2024', 'death_limit_floor/2025']);
});

test('a loaded rulebook cannot be changed', () => {
  const rule = RULEBOOK.ruleById('death_limit_floor/2025');
  expect(Object.isFrozen(rule)).toBe(true);
  expect(Object.isFrozen(rule?.en)).toBe(true);
  expect(Object.isFrozen(RULEBOOK.rules)).toBe(true);
});

test.each<[string, RulebookEntries, string]>([
  ['an unknown kind', withRule('low_price_screen/2024', (entry) => ({ ...entry, kind: 'low_price_line' })),
    'rule low_price_screen/2024: unknown kind "low_price_line"'],
  ['a value in the wrong form', withRule('death_limit_floor/2025', (entry) => ({ ...entry, value: '40万' })),
    'rule death_limit_floor/2025: value "40万" is not an amount of CNY with 2 decimals'],
  ['a percentage above 100', withRule('fee_ratio_cap/2025', (entry) => ({ ...entry, value: '210' })),
    'rule fee_ratio_cap/2025: value "210" is not a percentage above 0 and at most 100'],
  ['a window of no months', withRule('first_service_window/2024', (entry) => ({ ...entry, value: '0' })),
    'rule first_service_window/2024: value "0" is not a whole number of months above 0'],
  ['a deadline that is no day', withRule('filing_deadline/2024', (entry) => ({ ...entry, value: '2024-02-30' })),
    'rule filing_deadline/2024: value "2024-02-30" is not a day as YYYY-MM-DD'],
  ['the unit of another kind', withRule('fee_ratio_floor/2024', (entry) => ({ ...entry, unit: 'percent_of_industry_median' })),
    'rule fee_ratio_floor/2024: unit "percent_of_industry_median" is not the unit of fee_ratio_floor, "percent_of_premium_received"'],
  ['an id of another kind', withRule('fee_ratio_floor/2024', (entry) => ({ ...entry, id: 'fee_ratio_cap/2024' })),
    'rule fee_ratio_cap/2024: the id does not start with its kind, "fee_ratio_floor/"'],
  ['an id used twice', withRule('fee_ratio_floor/2024', (entry) => entry, [{ ...RULEBOOK_ENTRIES.rules[2] }]),
    'rule fee_ratio_floor/2024: the id is used twice'],
  ['an end before the start', withRule('filing_deadline/2024', (entry) => ({ ...entry, validTo: '2023-12-31' })),
    'rule filing_deadline/2024: validTo 2023-12-31 is before validFrom 2024-01-01'],
  ['an unknown document', withRule('fee_ratio_cap/2025', (entry) => ({ ...entry, document: 'national-2026-1' })),
    'rule fee_ratio_cap/2025: unknown document "national-2026-1"'],
  ['a missing English title', withRule('fee_ratio_cap/2025', (entry) => ({ ...entry, title: { zh: entry.title.zh, en: ' ' } })),
    'rule fee_ratio_cap/2025: title has no en text'],
  ['a missing Chinese clause', withRule('fee_ratio_cap/2025', (entry) => ({ ...entry, clause: { zh: '', en: entry.clause.en } })),
    'rule fee_ratio_cap/2025: clause has no zh text'],
  ['Chinese in the English clause', withRule('death_limit_floor/2025', (entry) => ({ ...entry, clause: { zh: entry.clause.zh, en: 'national floor raised to 40万元 per death' } })),
    'rule death_limit_floor/2025: clause.en has Chinese characters: "national floor raised to 40万元 per death"'],
  ['Chinese punctuation in the English title', withRule('death_limit_floor/2025', (entry) => ({ ...entry, title: { zh: entry.title.zh, en: 'Death limit（minimum）' } })),
    'rule death_limit_floor/2025: title.en has Chinese characters'],
  ['English only in the Chinese clause', withRule('fee_ratio_cap/2025', (entry) => ({ ...entry, clause: { zh: 'prevention spending capped at 21% of premium received', en: entry.clause.en } })),
    'rule fee_ratio_cap/2025: clause.zh has no Chinese: "prevention spending capped at 21% of premium received"'],
  ['two versions in force on one day', withRule('death_limit_floor/2024', (entry) => ({ ...entry, validTo: '2025-03-29' })),
    'rule death_limit_floor/2025: in force from 2025-03-29 while death_limit_floor/2024 is (to 2025-03-29); end death_limit_floor/2024 on 2025-03-28'],
  ['a gap announced after an open version', withRule('death_limit_floor/2025', (entry) => entry, [{ ...FLOOR_2025, id: 'death_limit_floor/2027', value: '500000.00', validFrom: '2027-01-01', startsAfterGap: true }]),
    'rule death_limit_floor/2027: startsAfterGap is set but death_limit_floor/2025 has no end to leave a gap after'],
  ['an unannounced gap', withRule('death_limit_floor/2024', (entry) => ({ ...entry, validTo: '2025-03-01' })),
    'rule death_limit_floor/2025: starts 2025-03-29, not the day after death_limit_floor/2024 ends (2025-03-01); set startsAfterGap'],
  ['a gap announced where there is none', withRule('death_limit_floor/2025', (entry) => ({ ...entry, startsAfterGap: true })),
    'rule death_limit_floor/2025: startsAfterGap is set but it follows death_limit_floor/2024 without a gap'],
])('%s is refused, naming the rule', (_what, entries, expected) => {
  const problems = problemsOf(entries);
  expect(problems).toEqual([expect.stringContaining(expected)]);
});

test("next year's circular is one entry: the open version it replaces ends the day before", () => {
  const rulebook = Rulebook.load(withRule('death_limit_floor/2025', (entry) => entry, [
    { ...FLOOR_2025, id: 'death_limit_floor/2027', value: '500000.00', validFrom: '2027-01-01' },
  ]));
  expect(rulebook.ruleById('death_limit_floor/2025')).toMatchObject({ validFrom: '2025-03-29', validTo: '2026-12-31' });
  expect(rulebook.ruleById('death_limit_floor/2027')).toMatchObject({ validFrom: '2027-01-01', validTo: null });
  expect(rulebook.ruleInForce('death_limit_floor', '2026-12-31')?.id).toBe('death_limit_floor/2025');
  expect(rulebook.ruleInForce('death_limit_floor', '2027-01-01')?.value).toBe('500000.00');
  // The rulebook the program runs with is not changed by loading another.
  expect(RULEBOOK.ruleById('death_limit_floor/2025')?.validTo).toBeNull();
});

test('a gap that is announced loads, and no rule is in force inside it', () => {
  const rulebook = Rulebook.load({
    documents: RULEBOOK_ENTRIES.documents,
    rules: RULEBOOK_ENTRIES.rules.map((entry) => {
      if (entry.id === 'death_limit_floor/2024') return { ...entry, validTo: '2025-03-01' };
      if (entry.id === 'death_limit_floor/2025') return { ...entry, startsAfterGap: true as const };
      return entry;
    }),
  });
  expect(rulebook.ruleInForce('death_limit_floor', '2025-03-15')).toBeUndefined();
  expect(rulebook.ruleInForce('death_limit_floor', '2025-03-29')?.id).toBe('death_limit_floor/2025');
});

test('a document without its English number is refused, naming the document', () => {
  const documents = { ...RULEBOOK_ENTRIES.documents, 'national-2025-27': { ...RULEBOOK_ENTRIES.documents['national-2025-27'], number: { zh: '应急〔2025〕27号', en: '应急〔2025〕27号' } } };
  expect(problemsOf({ documents, rules: RULEBOOK_ENTRIES.rules })).toEqual(['document national-2025-27: number.en has Chinese characters: "应急〔2025〕27号"']);
});

test('every problem is reported at once, and the error message lists them', () => {
  const entries = withRule('fee_ratio_cap/2025', (entry) => ({ ...entry, value: 'x', title: { zh: entry.title.zh, en: '' } }));
  expect(() => Rulebook.load(entries)).toThrow(/rule fee_ratio_cap\/2025: value "x"[^]*\nrule fee_ratio_cap\/2025: title has no en text/);
});

describe('a rule value as a reader says it', () => {
  it('writes a deadline of the following year as a day, and other values beside their unit', () => {
    expect(ruleValueWords('01-31', '次年月-日', 'zh')).toBe('次年1月31日');
    expect(ruleValueWords('01-31', 'month-day of the following year', 'en')).toBe('31 January of the following year');
    expect(ruleValueWords('400000.00', '元/每死亡一人', 'zh')).toBe('400000.00元/每死亡一人');
    expect(ruleValueWords('15', '% of premium received', 'en')).toBe('15 % of premium received');
  });
});
