-- What a fair DBA adds for the indicator set (indicators.sql), after the load:
-- the mandatory population by region, found by a partial index on the operating high-risk rows;
CREATE INDEX enterprises_mandatory ON enterprises (county_code, industry, name, id)
  WHERE status = 'operating' AND industry IN ('coal_mine', 'non_coal_mine', 'hazardous_chemicals', 'fireworks', 'metallurgy');
CREATE INDEX enterprises_city ON enterprises (city_code, county_code);
-- "insured on D" and "last policy end" per enterprise, an index-only probe of its live policies;
CREATE INDEX policies_enterprise_live ON policies (enterprise_id, start_date, end_date) WHERE NOT cancelled;
CREATE INDEX policies_start ON policies (start_date) INCLUDE (id, enterprise_id, county_code, cancelled);
-- a year's shares (premium received per insurer) and a policy's insurers;
CREATE INDEX policy_shares_start ON policy_shares (start_date) INCLUDE (insurer_id, premium_received, share_percent);
-- a year's services by enterprise, and the first service of an enterprise by one insurer;
CREATE INDEX services_enterprise_insurer_date ON services (enterprise_id, insurer_id, service_date);
CREATE INDEX services_date ON services (service_date) INCLUDE (enterprise_id, kind);
-- a year's ledger entries.
CREATE INDEX fee_ledger_date ON fee_ledger (entry_date) INCLUDE (insurer_id, amount);
ANALYZE;
