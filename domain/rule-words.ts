/**
 * How a rule's value reads with its unit, in either language; no other import, so the dashboard's
 * bundle takes it without the rulebook's data.
 */
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A rule's value with its unit, as a reader says it: "400000.00元/每死亡一人", "15 % of premium received";
 * a day of the following year (a deadline such as the annual report's, MM-DD) as "次年1月31日" and
 * "31 January of the following year".
 */
export function ruleValueWords(value: string, unit: string, language: 'zh' | 'en'): string {
  const monthDay = /^(\d{2})-(\d{2})$/.exec(value);
  if (monthDay) {
    const month = Number(monthDay[1]);
    const day = Number(monthDay[2]);
    return language === 'zh' ? `次年${month}月${day}日` : `${day} ${MONTHS_EN[month - 1]} of the following year`;
  }
  return language === 'zh' ? `${value}${unit}` : `${value} ${unit}`;
}
