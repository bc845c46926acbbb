/** The contract's `Industry` enum: the five high-risk industries (docs/definitions.md), mapped to their codes. */
import { registerEnumType } from 'type-graphql';
import { HIGH_RISK_INDUSTRIES, type HighRiskIndustry, isHighRisk } from '../../domain/vocabulary';
import { badUserInput } from './errors';

export enum Industry {
  COAL_MINE = 'coal_mine',
  NON_COAL_MINE = 'non_coal_mine',
  HAZARDOUS_CHEMICALS = 'hazardous_chemicals',
  FIREWORKS = 'fireworks',
  METALLURGY = 'metallurgy',
}

registerEnumType(Industry, {
  name: 'Industry',
  description: 'The high-risk industries (高危行业) in which insurance is mandatory',
  valuesConfig: {
    COAL_MINE: { description: '煤矿' },
    NON_COAL_MINE: { description: '非煤矿山' },
    HAZARDOUS_CHEMICALS: { description: '危险化学品' },
    FIREWORKS: { description: '烟花爆竹' },
    METALLURGY: { description: '金属冶炼' },
  },
});

/** The industry set of a request: every high-risk industry when none is named. */
export function industrySet(industries: Industry[] | null | undefined): HighRiskIndustry[] {
  if (industries === null || industries === undefined) return [...HIGH_RISK_INDUSTRIES];
  if (industries.length === 0) throw badUserInput('industries must name at least one industry, or be left out for all five');
  return [...new Set(industries)] as HighRiskIndustry[];
}

export function industryOf(code: string): Industry {
  return code as Industry;
}

/** An enterprise's industry on the wire: its high-risk industry, or null for any other (`other`). */
export function highRiskIndustryOf(code: string): Industry | null {
  return isHighRisk(code) ? (code as Industry) : null;
}
