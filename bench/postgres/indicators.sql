-- The indicator set of issue 10, written by hand for PostgreSQL; each answers what the API's query of
-- the same name answers. Parameters: $1 the day or year asked, then as each says.

-- name: coverage_province
-- $1 as of: mandatory and insured per county and industry (the province and its cities are sums).
SELECT e.county_code, e.industry, count(*) AS mandatory,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM policies p WHERE p.enterprise_id = e.id AND NOT p.cancelled
                                        AND p.start_date <= $1 AND p.end_date >= $1)) AS insured
FROM enterprises e
WHERE e.status = 'operating' AND e.industry IN ('coal_mine', 'non_coal_mine', 'hazardous_chemicals', 'fireworks', 'metallurgy')
GROUP BY e.county_code, e.industry;

-- name: coverage_city
-- $1 as of, $2 the city's code.
SELECT e.county_code, e.industry, count(*) AS mandatory,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM policies p WHERE p.enterprise_id = e.id AND NOT p.cancelled
                                        AND p.start_date <= $1 AND p.end_date >= $1)) AS insured
FROM enterprises e
WHERE e.status = 'operating' AND e.industry IN ('coal_mine', 'non_coal_mine', 'hazardous_chemicals', 'fireworks', 'metallurgy')
  AND e.city_code = $2
GROUP BY e.county_code, e.industry;

-- name: uninsured_county
-- $1 as of, $2 the county's code: the first 50 by name, with the end of the last policy and the total.
SELECT e.id, e.uscc, e.name, e.industry, e.size, e.county_code,
       (SELECT max(p.end_date) FROM policies p WHERE p.enterprise_id = e.id AND NOT p.cancelled AND p.start_date <= $1) AS last_policy_end,
       count(*) OVER () AS total
FROM enterprises e
WHERE e.county_code = $2 AND e.status = 'operating'
  AND e.industry IN ('coal_mine', 'non_coal_mine', 'hazardous_chemicals', 'fireworks', 'metallurgy')
  AND NOT EXISTS (SELECT 1 FROM policies p WHERE p.enterprise_id = e.id AND NOT p.cancelled AND p.start_date <= $1 AND p.end_date >= $1)
ORDER BY e.name, e.id
LIMIT 50;

-- name: fee_ratio_insurers
-- $1 the year's first day, $2 the next year's: premium received and prevention spending per insurer.
SELECT coalesce(r.insurer_id, s.insurer_id) AS insurer_id, r.premium, s.spending,
       CASE WHEN coalesce(r.premium, 0) = 0 THEN NULL ELSE s.spending * 100 / r.premium END AS ratio
FROM (SELECT insurer_id, sum(premium_received * share_percent / 100) AS premium FROM policy_shares
      WHERE start_date >= $1 AND start_date < $2 GROUP BY insurer_id) r
FULL JOIN (SELECT insurer_id, sum(amount) AS spending FROM fee_ledger WHERE entry_date >= $1 AND entry_date < $2 GROUP BY insurer_id) s
  ON s.insurer_id = r.insurer_id
ORDER BY 1;

-- name: service_frequency_province
-- $1 the year's first day, $2 its last: per county, enterprises with a requirement, meeting it, exempt.
WITH population AS (
  SELECT e.id, e.county_code,
         CASE WHEN e.industry = 'coal_mine' THEN 2 WHEN e.size IN ('large', 'medium') THEN 1 END AS required_each
  FROM enterprises e
  WHERE e.status = 'operating' AND e.industry IN ('coal_mine', 'non_coal_mine', 'hazardous_chemicals', 'fireworks', 'metallurgy')
    AND EXISTS (SELECT 1 FROM policies p WHERE p.enterprise_id = e.id AND NOT p.cancelled AND p.start_date <= $2 AND p.end_date >= $1)
), counts AS (
  SELECT enterprise_id, count(*) FILTER (WHERE kind = 'risk_assessment') AS risk_assessments,
         count(*) FILTER (WHERE kind = 'hazard_investigation') AS hazard_investigations
  FROM services WHERE service_date BETWEEN $1 AND $2 AND kind IN ('risk_assessment', 'hazard_investigation')
  GROUP BY enterprise_id
)
SELECT p.county_code, count(*) FILTER (WHERE p.required_each IS NOT NULL) AS required,
       count(*) FILTER (WHERE coalesce(c.risk_assessments, 0) >= p.required_each AND coalesce(c.hazard_investigations, 0) >= p.required_each) AS compliant,
       count(*) FILTER (WHERE p.required_each IS NULL) AS exempt
FROM population p LEFT JOIN counts c ON c.enterprise_id = p.id
GROUP BY p.county_code;

-- name: first_service_insurers
-- $1 the year's first day, $2 the next year's, $3 the evaluation day: per insurer, the judged policies it
-- holds a share of that were served within three months of their start, later, or not by then.
WITH judged AS (
  SELECT p.id, p.enterprise_id, p.start_date, (p.start_date + interval '3 months')::date AS window_end
  FROM policies p
  WHERE NOT p.cancelled AND p.start_date >= $1 AND p.start_date < $2 AND (p.start_date + interval '3 months')::date < $3
), verdicts AS (
  SELECT j.id, j.window_end,
         (SELECT min(s.service_date) FROM policy_shares own JOIN services s
             ON s.enterprise_id = j.enterprise_id AND s.insurer_id = own.insurer_id AND s.service_date >= j.start_date AND s.service_date <= $3
          WHERE own.policy_id = j.id) AS first_service
  FROM judged j
)
SELECT sh.insurer_id, count(*) FILTER (WHERE v.first_service <= v.window_end) AS on_time,
       count(*) FILTER (WHERE v.first_service > v.window_end) AS late, count(*) FILTER (WHERE v.first_service IS NULL) AS missing
FROM verdicts v JOIN policy_shares sh ON sh.policy_id = v.id
GROUP BY sh.insurer_id
ORDER BY 1;
