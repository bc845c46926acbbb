/**
 * Next year's circular is one entry in the rulebook, and the verdicts follow it: the API of the
 * fixture (test/fixtures/api) is started with a copy of the rulebook that adds a death-limit floor of
 * 500,000 from 2027-01-01 (an imagined 2027 circular), and two policies of E01 are added on either
 * side of that day, each with a death limit of 450,000:
 *   P90 2026-12-30 → judged against death_limit_floor/2025 (400,000): compliant;
 *   P91 2027-01-02 → judged against death_limit_floor/2027 (500,000): not compliant, and listed as a breach.
 * A second server over the same warehouse, with the rulebook the program ships, judges P91 compliant
 * against the 2025 floor: the verdict changed because the rulebook did, and nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFolder } from '../../etl/csv/import';
import { runEtl } from '../../etl/load/run';
import { startServer, type ApiServer } from '../../api/server';
import { createLog } from '../../config/log';
import { RULEBOOK, Rulebook } from '../../domain/rulebook';
import { RULEBOOK_ENTRIES, type RuleEntry } from '../../domain/rulebook.data';
import { startFixtureApi, type FixtureApi, type GraphQLAnswer } from './harness';

const CIRCULAR_2027: RuleEntry = {
  id: 'death_limit_floor/2027', kind: 'death_limit_floor', value: '500000.00', unit: 'yuan_per_death',
  validFrom: '2027-01-01', validTo: null, document: 'shanxi-2027-1',
  title: { zh: '死亡赔偿限额下限', en: 'Death compensation limit per person, minimum' },
  clause: { zh: '一: 每死亡一人赔偿不低于50万元', en: 'Part 1: no less than CNY 500,000 per death' },
};

const NEXT_YEAR = Rulebook.load({
  documents: {
    ...RULEBOOK_ENTRIES.documents,
    'shanxi-2027-1': {
      number: { zh: '晋应急发〔2027〕1号', en: 'Jin Yingji Fa [2027] No. 1' },
      title: { zh: '关于做好2027年度安全生产责任保险有关工作的通知', en: 'Notice on work-safety liability insurance for 2027' },
      detail: { zh: '2026-12-01', en: '2026-12-01' },
    },
  },
  rules: [...RULEBOOK_ENTRIES.rules, CIRCULAR_2027],
});

let api: FixtureApi;
let shippedRules: ApiServer;
let extraDir: string;

beforeAll(async () => {
  api = await startFixtureApi('api-rulebook', { rulebook: NEXT_YEAR });
  extraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rulebook-2027-'));
  fs.writeFileSync(path.join(extraDir, 'policies.csv'), [
    'id,policy_no,enterprise_id,start_date,end_date,premium,premium_received,death_limit_per_person,insured_persons,cancelled',
    'P90,AZX-2026-090,E01,2026-12-30,2027-12-29,100000.00,100000.00,450000,1200,false',
    'P91,AZX-2027-091,E01,2027-01-02,2028-01-01,100000.00,100000.00,450000,1200,false',
  ].join('\n') + '\n');
  fs.writeFileSync(path.join(extraDir, 'policy_shares.csv'), 'policy_id,insurer_id,share_percent\nP90,I1,100\nP91,I1,100\n');
  const report = await importFolder(api.platform, extraDir);
  expect(report.rejects).toEqual([]);
  await runEtl(api.env.config, { platform: api.platform, warehouse: api.warehouse });
  api.server.cache.invalidate();
  shippedRules = await startServer({ ...api.env.config, api: { ...api.env.config.api, port: 0 } }, { platform: api.platform, warehouse: api.warehouse }, {
    log: createLog({ level: 'silent' }), rulebook: RULEBOOK,
  });
});

afterAll(async () => {
  await shippedRules?.close();
  await api?.close();
  if (extraDir) fs.rmSync(extraDir, { recursive: true, force: true });
});

const POLICIES = `query ($year: Int!) {
  deathLimitPolicies(year: $year, region: "140000", filter: ALL, page: 1, pageSize: 50) {
    items { policyId startDate deathLimitPerPerson floor compliant rule { id value en { document clause } } }
  }
}`;

async function policy(answer: GraphQLAnswer, id: string): Promise<any> {
  expect(answer.errors).toBeUndefined();
  return answer.data!.deathLimitPolicies.items.find((item: any) => item.policyId === id);
}

test('a policy starting after the new floor is judged against it and names it', async () => {
  expect(await policy(await api.as('province', POLICIES, { year: 2027 }), 'P91')).toEqual({
    policyId: 'P91', startDate: '2027-01-02', deathLimitPerPerson: '450000.00', floor: '500000.00', compliant: false,
    rule: { id: 'death_limit_floor/2027', value: '500000.00', en: { document: 'Jin Yingji Fa [2027] No. 1', clause: 'Part 1: no less than CNY 500,000 per death' } },
  });
});

test('a policy starting the day before the new floor is still judged against the old one', async () => {
  expect(await policy(await api.as('province', POLICIES, { year: 2026 }), 'P90')).toMatchObject({
    startDate: '2026-12-30', floor: '400000.00', compliant: true, rule: { id: 'death_limit_floor/2025' },
  });
});

test('the breach list and the summary cite the new rule', async () => {
  const { data, errors } = await api.as('province', `{
    violations(year: 2027, region: "140000", kinds: [DEATH_LIMIT_BELOW_FLOOR], page: 1, pageSize: 50) { items { policyId rule { id } facts { deathLimit deathLimitFloor } } }
    deathLimitCompliance(year: 2027, region: "140000") { judged compliant rules { id } }
    rules(inForceOn: "2027-01-01") { id }
  }`);
  expect(errors).toBeUndefined();
  expect(data!.violations.items).toEqual([{ policyId: 'P91', rule: { id: 'death_limit_floor/2027' }, facts: { deathLimit: '450000.00', deathLimitFloor: '500000.00' } }]);
  expect(data!.deathLimitCompliance).toEqual({ judged: 1, compliant: 0, rules: [{ id: 'death_limit_floor/2027' }] });
  expect(data!.rules.map((rule: any) => rule.id)).toContain('death_limit_floor/2027');
  expect(data!.rules.map((rule: any) => rule.id)).not.toContain('death_limit_floor/2025');
});

test('the same policy against the shipped rulebook meets the 2025 floor', async () => {
  const response = await fetch(shippedRules.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokens.province}` },
    body: JSON.stringify({ query: POLICIES, variables: { year: 2027 } }),
  });
  expect(await policy((await response.json()) as GraphQLAnswer, 'P91')).toMatchObject({
    floor: '400000.00', compliant: true, rule: { id: 'death_limit_floor/2025' },
  });
});
