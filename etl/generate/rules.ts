/**
 * The rules the demo data is shaped around, read from the rulebook on the day each row happens: the
 * death-limit floor on a policy's start, the first-service window from it, the service frequencies
 * at the end of a year, the filing deadline. The data misses and meets them on purpose (dataset.ts),
 * so a new version in the rulebook moves the demo data with it.
 *
 * The demo years may start before the rulebook does (2022, against rules read from 2024): those days
 * are shaped as under the earliest version, the one the system first judges by.
 */
import { formatDay, parseDay, type Day } from './calendar';
import { yearEnd, type Rule, type Rulebook, type RuleKind } from '../../domain/rulebook';
import { isHighRisk, type EnterpriseSize, type Industry } from '../../domain/vocabulary';

export class DemoRules {
  private readonly byKindAndDay = new Map<string, Rule>();

  constructor(private readonly rulebook: Rulebook) {}

  /** The version in force on `day`; before the first version, the first; after the last has ended, the last. */
  private ruleOn(kind: RuleKind, day: Day): Rule {
    const key = `${kind}@${day}`;
    let rule = this.byKindAndDay.get(key);
    if (rule === undefined) {
      const versions = this.rulebook.versionsOf(kind);
      if (versions.length === 0) throw new Error(`the rulebook has no ${kind}: the demo data cannot be shaped without it`);
      const text = formatDay(day);
      rule = versions.filter((version) => version.validFrom <= text).pop() ?? versions[0];
      this.byKindAndDay.set(key, rule);
    }
    return rule;
  }

  /** 死亡赔偿限额 floor in yuan for a policy starting on `day`. */
  deathLimitFloor(day: Day): number {
    return Number(this.ruleOn('death_limit_floor', day).value);
  }

  /**
   * The floor of the version the one in force on `day` replaced, in yuan, or null when it replaced
   * none: a limit between the two met the floor before and misses it now.
   */
  replacedDeathLimitFloor(day: Day): number | null {
    const current = this.ruleOn('death_limit_floor', day);
    const versions = this.rulebook.versionsOf('death_limit_floor');
    const index = versions.indexOf(current);
    return index > 0 ? Number(versions[index - 1].value) : null;
  }

  /** Calendar months after a policy's start within which its first service is due (承诺函第七条). */
  firstServiceMonths(start: Day): number {
    return Number(this.ruleOn('first_service_window', start).value);
  }

  /**
   * Services of each counting kind an enterprise needs in `year` (docs/definitions.md, definition 8),
   * judged against the rules in force on the year's last day as the API judges them; 0 for the exempt
   * and for enterprises outside the high-risk industries.
   */
  requiredPerKind(industry: Industry, size: EnterpriseSize, year: number): number {
    const day = parseDay(yearEnd(year));
    if (!isHighRisk(industry)) return 0;
    if (industry === 'coal_mine') return Number(this.ruleOn('service_frequency_coal', day).value);
    if (size === 'large' || size === 'medium') return Number(this.ruleOn('service_frequency_large_medium', day).value);
    return Number(this.ruleOn('service_exempt_small_micro', day).value);
  }

  /** The prevention fee ratio's floor in force on `day`, as a fraction (15% → 0.15). */
  feeRatioFloor(day: Day): number {
    return Number(this.ruleOn('fee_ratio_floor', day).value) / 100;
  }

  /** The prevention fee ratio's cap in force on `day`, as a fraction, or null when the rulebook has none. */
  feeRatioCap(day: Day): number | null {
    return this.rulebook.versionsOf('fee_ratio_cap').length === 0 ? null : Number(this.ruleOn('fee_ratio_cap', day).value) / 100;
  }

  /** The first filing deadline (资料报送) of the rulebook: the one the demo insurers file against. */
  filingDeadline(): Day {
    const [first] = this.rulebook.versionsOf('filing_deadline');
    if (first === undefined) throw new Error('the rulebook has no filing_deadline: the demo data cannot be shaped without it');
    return parseDay(first.value);
  }
}
