import { sql, type Kysely } from 'kysely';

// Trust chain (DESIGN.md "Trust"): one root key per server (private half sealed with the master key,
// never signs licenses), a root-signed certificate on each signing key, revocation of signing keys and
// the root-signed revocation lists with a growing serial. Existing signing keys get their certificate
// at the next start (src-server/keys/trust-setup.ts), so this migration needs no key material.

/** Creates root_keys and revocation_lists and adds certificate and revocation columns to signing_keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('root_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    // One root per server: the constant slot makes a second root (or a concurrent first start) conflict.
    .addColumn('slot', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .unique()
        .check(sql`slot = 1`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable('signing_keys')
    .addColumn('cert_payload', 'text')
    .addColumn('cert_sig', 'text')
    .addColumn('not_before', 'timestamptz')
    .addColumn('not_after', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema
    .createTable('revocation_lists')
    .addColumn('serial', 'integer', (c) => c.primaryKey().check(sql`serial >= 1`))
    .addColumn('root_kid', 'text', (c) => c.notNull().references('root_keys.kid'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('sig', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('revocation_lists').execute();
  await db.schema
    .alterTable('signing_keys')
    .dropColumn('cert_payload')
    .dropColumn('cert_sig')
    .dropColumn('not_before')
    .dropColumn('not_after')
    .dropColumn('revoked_at')
    .dropColumn('revoke_reason')
    .execute();
  await db.schema.dropTable('root_keys').execute();
}
