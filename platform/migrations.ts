/**
 * Platform schema migrations. Written with TypeORM's schema builder so that one definition yields
 * the DDL of SQLite, PostgreSQL and MySQL alike; `synchronize` is never used.
 */
import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { REGIONS } from '../domain/regions';
import { RegionRow } from './entities';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '64', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '64', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const big = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
const updatedAt = big('updated_at');

function submitted(name: string, columns: TableColumnOptions[], indexed: string[][] = []): Table {
  return new Table({
    name,
    columns: [...columns, updatedAt],
    indices: [['updated_at'], ...indexed].map(
      (columnNames) => new TableIndex({ name: `ix_${name}_${columnNames.join('_')}`, columnNames }),
    ),
  });
}

export class PlatformSchema1764374400000 implements MigrationInterface {
  name = 'PlatformSchema1764374400000';

  async up(runner: QueryRunner): Promise<void> {
    const tables = [
      submitted('regions', [
        { name: 'code', type: 'varchar', length: '6', isPrimary: true }, str('name', 64), str('level', 8), str('parent_code', 6, true),
      ]),
      submitted('enterprises', [
        id(), str('uscc', 18), str('name', 200), str('industry', 32), str('size', 8), str('county_code', 6), str('status', 16),
        str('risk_level', 16), str('standardization_grade', 1, true), int('employees', true),
      ], [['county_code']]),
      submitted('insurers', [id(), str('name', 200), date('filed_on', true)]),
      submitted('providers', [id(), str('name', 200), str('qualification_no', 64, true), date('qualified_until', true), bool('blacklisted')]),
      submitted('policies', [
        id(), str('policy_no', 64), ref('enterprise_id'), date('start_date'), date('end_date'), big('premium_fen'),
        big('premium_received_fen'), big('death_limit_per_person_fen'), int('insured_persons', true), bool('cancelled'),
      ], [['enterprise_id']]),
      submitted('policy_shares', [
        { ...ref('policy_id'), isPrimary: true }, { ...ref('insurer_id'), isPrimary: true }, int('share_hundredths'),
      ]),
      submitted('services', [
        id(), ref('policy_id', true), ref('enterprise_id'), ref('insurer_id'), ref('provider_id', true), str('kind', 32),
        date('service_date'), big('cost_fen'), int('hazards_found'), int('hazards_rectified'),
      ], [['enterprise_id']]),
      submitted('fee_ledger', [
        id(), ref('insurer_id'), str('county_code', 6), date('entry_date'), big('amount_fen'), str('category', 64), ref('service_id', true),
      ]),
      submitted('claims', [
        id(), ref('policy_id'), date('accident_date', true), date('reported_on'), int('deaths'), int('injuries'),
        big('claimed_amount_fen'), big('paid_amount_fen', true), str('status', 16), date('settled_on', true), str('denial_reason', 500, true),
      ], [['policy_id']]),
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          str('username', 64), str('password_hash', 200), str('role', 16), str('scope', 64, true), big('created_at'),
        ],
        indices: [new TableIndex({ name: 'ux_users_username', columnNames: ['username'], isUnique: true })],
      }),
      new Table({
        name: 'etl_lock',
        columns: [{ name: 'name', type: 'varchar', length: '32', isPrimary: true }, str('holder', 200), big('acquired_at'), big('heartbeat_at')],
      }),
    ];
    for (const table of tables) await runner.createTable(table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of ['etl_lock', 'users', 'claims', 'fee_ledger', 'services', 'policy_shares', 'policies', 'providers', 'insurers', 'enterprises', 'regions']) {
      await runner.dropTable(name);
    }
  }
}

/** Reference data: the province, 11 cities and 117 counties of shanxi-divisions.json. */
export class ShanxiRegions1764374400001 implements MigrationInterface {
  name = 'ShanxiRegions1764374400001';

  async up(runner: QueryRunner): Promise<void> {
    const now = Date.now();
    await runner.manager
      .createQueryBuilder()
      .insert()
      .into(RegionRow)
      .values(REGIONS.map((region) => ({
        code: region.code, name: region.name, level: region.level, parentCode: region.parentCode, updatedAt: now,
      })))
      .execute();
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM regions');
  }
}

/**
 * The import looks enterprises up by USCC to keep one code to one enterprise. Not unique: a database
 * filled before that rule may hold a code twice, and must still open.
 */
export class EnterpriseUsccIndex1764547200000 implements MigrationInterface {
  name = 'EnterpriseUsccIndex1764547200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('enterprises', new TableIndex({ name: 'ix_enterprises_uscc', columnNames: ['uscc'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('enterprises', 'ix_enterprises_uscc');
  }
}

/**
 * What a token must agree with to stay valid: `token_version` goes up with every password reset, role
 * or scope change and disabling, so that every token signed before it is refused at once;
 * `disabled_at` keeps a disabled account (and its history) without letting it sign in.
 */
export class UserCredentials1764979200000 implements MigrationInterface {
  name = 'UserCredentials1764979200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('users', [
      new TableColumn({ ...int('token_version'), default: 0 }),
      new TableColumn(big('disabled_at', true)),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumns('users', ['disabled_at', 'token_version']);
  }
}

/** Two exchange files: the items of each insurer's filing (资料报送) and its annual reports (年度报告). */
export class FilingsAndAnnualReports1796083200000 implements MigrationInterface {
  name = 'FilingsAndAnnualReports1796083200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(submitted('insurer_filings', [
      { ...ref('insurer_id'), isPrimary: true }, { ...str('item', 32), isPrimary: true }, date('received_on'),
    ]));
    await runner.createTable(submitted('annual_reports', [
      { ...ref('insurer_id'), isPrimary: true }, { ...int('year'), isPrimary: true }, date('submitted_on'),
    ]));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('annual_reports');
    await runner.dropTable('insurer_filings');
  }
}

/** The history of uploads from the dashboard (数据报送) and the rejects each one kept. */
export class Submissions1796169600000 implements MigrationInterface {
  name = 'Submissions1796169600000';

  async up(runner: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
    await runner.createTable(new Table({
      name: 'submissions',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true }, str('username', 64), str('role', 16), str('scope', 64, true),
        big('received_at'), big('finished_at', true), str('status', 16), text('files'), int('lines'), int('stored'), int('rejected'),
        int('reject_count'), str('failure', 500, true),
      ],
      indices: [
        new TableIndex({ name: 'ix_submissions_username', columnNames: ['username'] }),
        new TableIndex({ name: 'ix_submissions_received_at', columnNames: ['received_at'] }),
      ],
    }));
    await runner.createTable(new Table({
      name: 'submission_rejects',
      columns: [
        { name: 'submission_id', type: 'varchar', length: '36', isPrimary: true }, { ...int('seq'), isPrimary: true },
        str('file', 64), int('line'), str('column_name', 64, true), str('rule', 32), text('message'), text('value', true),
      ],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('submission_rejects');
    await runner.dropTable('submissions');
  }
}

export const PLATFORM_MIGRATIONS = [
  PlatformSchema1764374400000, ShanxiRegions1764374400001, EnterpriseUsccIndex1764547200000, UserCredentials1764979200000,
  FilingsAndAnnualReports1796083200000, Submissions1796169600000,
];
