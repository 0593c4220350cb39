import { sql, type Kysely } from 'kysely';

// Renewal orders (R28–R30 on the calendar): what billing or the operator decided, applied once per
// subscription and term by the scheduler; billing tokens are the billing system's own credential.

/** Creates renewal_orders (one live order per subscription and new end) and billing_tokens (hashed). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('renewal_orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subscription_id', 'uuid', (c) =>
      c.notNull().references('subscriptions.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.check(sql`quantity >= 0`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().defaultTo('renewal'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('scheduled')
        .check(sql`status in ('scheduled', 'applied', 'failed', 'cancelled')`),
    )
    .addColumn('failure_code', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('plan', 'jsonb')
    .addColumn('result_ids', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('applied_at', 'timestamptz')
    .execute();
  await sql`create unique index renewal_orders_term_once on renewal_orders (subscription_id, ends_at)
    where status <> 'cancelled'`.execute(db);
  await sql`create index renewal_orders_due_idx on renewal_orders (due_at) where status = 'scheduled'`.execute(
    db,
  );
  await db.schema
    .createIndex('renewal_orders_org_idx')
    .on('renewal_orders')
    .columns(['org_id', 'due_at'])
    .execute();
  await db.schema
    .createTable('billing_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('billing_tokens').execute();
  await db.schema.dropTable('renewal_orders').execute();
}
