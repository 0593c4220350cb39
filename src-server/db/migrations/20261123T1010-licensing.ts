import { sql, type Kysely } from 'kysely';

// Subscriptions, dedications, seats, machines, activations, sessions and offline licenses.
// Partial indexes keep the hot "live rows" counts cheap at 100k machines.

/** Creates the licensing tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const uuid = sql`gen_random_uuid()`;
  const now = sql`now()`;
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('license_kind', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull().check(sql`quota >= 0`))
    .addColumn('machine_quota', 'integer', (c) => c.notNull().check(sql`machine_quota >= 0`))
    .addColumn('billing_cycle', 'text', (c) =>
      c.notNull().check(sql`billing_cycle in ('monthly', 'annual', 'multi-year')`),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('replaced_by', 'uuid', (c) => c.references('subscriptions.id'))
    .execute();
  await db.schema
    .createIndex('subscriptions_org_product_idx')
    .on('subscriptions')
    .columns(['org_id', 'product_id'])
    .execute();
  await db.schema
    .createTable('dedications')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('dedications_pk', ['org_id', 'product_id'])
    .execute();
  await db.schema
    .createTable('seat_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('subscription_id', 'uuid', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('seat_assignments_unique', ['subscription_id', 'user_id'])
    .execute();
  await db.schema.createIndex('seat_assignments_user_idx').on('seat_assignments').column('user_id').execute();
  await db.schema
    .createTable('machines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('machine_id', 'text', (c) => c.notNull())
    .addColumn('component_hashes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('virtualization', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('os_user_hash', 'text')
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('machines_org_machine_unique', ['org_id', 'machine_id'])
    .execute();
  await db.schema
    .createIndex('machines_org_seen_idx')
    .on('machines')
    .columns(['org_id', 'last_seen_at'])
    .execute();
  await db.schema
    .createTable('activations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('subscription_id', 'uuid', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('machine_ref', 'uuid', (c) => c.notNull().references('machines.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('lease_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deactivated_at', 'timestamptz')
    .execute();
  await sql`create unique index activations_live_unique on activations (subscription_id, machine_ref, user_id) where deactivated_at is null`.execute(
    db,
  );
  await db.schema
    .createTable('floating_slots')
    .addColumn('subscription_id', 'uuid', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('machine_ref', 'uuid', (c) => c.notNull().references('machines.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('floating_slots_pk', ['subscription_id', 'slot', 'machine_ref'])
    .execute();
  await sql`create index activations_machine_idx on activations (machine_ref) where deactivated_at is null`.execute(
    db,
  );
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('subscription_id', 'uuid', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('machine_ref', 'uuid', (c) => c.notNull().references('machines.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('end_reason', 'text')
    .addColumn('slot', 'integer')
    .execute();
  await sql`create index sessions_live_sub_idx on sessions (subscription_id) where ended_at is null`.execute(
    db,
  );
  await sql`create index sessions_live_heartbeat_idx on sessions (heartbeat_at) where ended_at is null`.execute(
    db,
  );
  await db.schema
    .createTable('offline_licenses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('subscription_id', 'uuid', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('machine_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('offline_licenses_sub_idx')
    .on('offline_licenses')
    .columns(['subscription_id', 'expires_at'])
    .execute();
}

/** Drops the licensing tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'offline_licenses',
    'sessions',
    'activations',
    'floating_slots',
    'machines',
    'seat_assignments',
    'dedications',
    'subscriptions',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
