/**
 * The demo data follows the rulebook it is given: with next year's rules added to a copy of the
 * rulebook (a third service of each kind for coal mines, a 500,000 death-limit floor, a two-month
 * first-service window, an earlier filing deadline), the same seed meets and misses those rules
 * instead of the shipped ones. Nothing here touches a database.
 */
import { addMonths, parseDay } from '../../etl/generate/calendar';
import { DEMO_TABLES, DemoDataset, type DemoRows, type DemoTable, type GenerateOptions } from '../../etl/generate';
import { RULEBOOK, Rulebook } from '../../domain/rulebook';
import { RULEBOOK_ENTRIES, type RuleEntry } from '../../domain/rulebook.data';

type Tables = { [T in DemoTable]: Array<DemoRows[T]> };

const OPTIONS: GenerateOptions = { seed: 42, scale: 'tiny', years: { from: 2024, to: 2025 } };

const NEW_RULES: RuleEntry[] = [
  {
    id: 'service_frequency_coal/2025', kind: 'service_frequency_coal', value: '3', unit: 'services_of_each_kind_per_year',
    validFrom: '2025-01-01', validTo: null, document: 'shanxi-2024-114',
    title: { zh: '煤矿事故预防服务频次', en: 'Coal mines: prevention services of each kind per year' },
    clause: { zh: '每年各3次', en: '3 of each a year' },
  },
  {
    id: 'death_limit_floor/2025-07', kind: 'death_limit_floor', value: '500000.00', unit: 'yuan_per_death',
    validFrom: '2025-07-01', validTo: null, document: 'shanxi-2024-114',
    title: { zh: '死亡赔偿限额下限', en: 'Death compensation limit per person, minimum' },
    clause: { zh: '每死亡一人不低于50万元', en: 'no less than CNY 500,000 per death' },
  },
  {
    id: 'first_service_window/2025', kind: 'first_service_window', value: '2', unit: 'calendar_months',
    validFrom: '2025-01-01', validTo: null, document: 'shanxi-2024-114',
    title: { zh: '保单生效后首次服务期限', en: 'First prevention service after the policy starts' },
    clause: { zh: '保单生效后2个月内', en: 'within 2 months of the policy taking effect' },
  },
];

/** The shipped rules with NEW_RULES added and the 2024 filing deadline moved to 30 April. */
const CHANGED = Rulebook.load({
  documents: RULEBOOK_ENTRIES.documents,
  rules: [
    ...RULEBOOK_ENTRIES.rules.map((entry) => (entry.id === 'filing_deadline/2024' ? { ...entry, value: '2024-04-30' } : entry)),
    ...NEW_RULES,
  ],
});

function collect(rulebook: Rulebook): Tables {
  const tables = Object.fromEntries(DEMO_TABLES.map((table) => [table, []])) as unknown as Tables;
  for (const batch of new DemoDataset(OPTIONS, rulebook).batches()) (tables[batch.table] as unknown[]).push(...batch.rows);
  return tables;
}

const shipped = collect(RULEBOOK);
const changed = collect(CHANGED);

/** Share of the coal mines insured in 2025 with at least `each` risk assessments and `each` hazard investigations dated 2025. */
function coalMinesServed(t: Tables, each: number): number {
  const insured = new Set(t.policies.filter((p) => !p.cancelled && p.startDate <= '2025-12-31' && p.endDate >= '2025-01-01').map((p) => p.enterpriseId));
  const coal = t.enterprises.filter((e) => e.industry === 'coal_mine' && e.status === 'operating' && insured.has(e.id));
  const served = coal.filter((e) => (['risk_assessment', 'hazard_investigation'] as const).every((kind) =>
    t.services.filter((s) => s.enterpriseId === e.id && s.kind === kind && s.serviceDate.startsWith('2025')).length >= each));
  expect(coal.length).toBeGreaterThan(10);
  return served.length / coal.length;
}

test('coal mines get the third service of each kind the changed rulebook asks for in 2025', () => {
  expect(coalMinesServed(shipped, 3)).toBeLessThan(0.35);
  expect(coalMinesServed(changed, 3)).toBeGreaterThan(0.6);
});

test('half the limits that met the 400,000 floor are raised once a 500,000 floor is in force', () => {
  const between = (t: Tables) => t.policies.filter((p) => p.startDate >= '2025-07-01' && p.deathLimitPerPersonFen >= 400_000_00 && p.deathLimitPerPersonFen < 500_000_00).length;
  expect(between(shipped)).toBeGreaterThan(10);
  expect(between(changed)).toBeLessThan(between(shipped) * 0.75);
});

test('first services fall within the two-month window of the changed rulebook for most 2025 policies', () => {
  const withinTwoMonths = (t: Tables): number => {
    const judged = t.policies.filter((p) => !p.cancelled && p.startDate >= '2025-01-01' && p.startDate <= '2025-09-30');
    const prompt = judged.filter((p) => {
      const windowEnd = addMonths(parseDay(p.startDate), 2);
      return t.services.some((s) => s.policyId === p.id && s.serviceDate >= p.startDate && parseDay(s.serviceDate) <= windowEnd);
    });
    return prompt.length / judged.length;
  };
  expect(withinTwoMonths(changed)).toBeGreaterThan(0.8);
  expect(withinTwoMonths(changed)).toBeGreaterThan(withinTwoMonths(shipped) + 0.1);
});

test('insurers file against the deadline of the rulebook: on time by 30 April when it says so', () => {
  const filed = changed.insurers.map((i) => i.filedOn).filter((day): day is string => day !== null);
  expect(filed.filter((day) => day <= '2024-04-30').length).toBe(17);
  expect(filed.filter((day) => day > '2024-04-30').length).toBe(2);
  expect(shipped.insurers.filter((i) => i.filedOn !== null && i.filedOn <= '2024-04-30').length).toBeLessThan(17);
});
