-- The data tables the indicator set reads, as a DBA would lay them out for PostgreSQL 15: the
-- warehouse's rows copied as they are (money as numeric(18,2), codes as text), one table per fact.
-- The benchmark (bench/postgres.ts) creates them in its own schema, fills them from the warehouse
-- and then builds indexes.sql.
CREATE TABLE enterprises (
  id text PRIMARY KEY, uscc text NOT NULL, name text NOT NULL, industry text NOT NULL, size text NOT NULL,
  city_code text NOT NULL, county_code text NOT NULL, status text NOT NULL
);
CREATE TABLE policies (
  id text PRIMARY KEY, enterprise_id text NOT NULL, city_code text NOT NULL, county_code text NOT NULL, industry text NOT NULL,
  start_date date NOT NULL, end_date date NOT NULL, premium_received numeric(18, 2) NOT NULL, death_limit_per_person numeric(18, 2) NOT NULL,
  cancelled boolean NOT NULL
);
CREATE TABLE policy_shares (
  policy_id text NOT NULL, insurer_id text NOT NULL, share_percent numeric(5, 2) NOT NULL, enterprise_id text NOT NULL,
  county_code text NOT NULL, start_date date NOT NULL, end_date date NOT NULL, premium_received numeric(18, 2) NOT NULL, cancelled boolean NOT NULL,
  PRIMARY KEY (policy_id, insurer_id)
);
CREATE TABLE services (
  id text PRIMARY KEY, enterprise_id text NOT NULL, city_code text NOT NULL, county_code text NOT NULL, industry text NOT NULL,
  insurer_id text NOT NULL, kind text NOT NULL, service_date date NOT NULL
);
CREATE TABLE fee_ledger (
  id text PRIMARY KEY, insurer_id text NOT NULL, county_code text NOT NULL, entry_date date NOT NULL, amount numeric(18, 2) NOT NULL
);
