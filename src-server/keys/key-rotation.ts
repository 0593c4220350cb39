import type { Transaction } from 'kysely';
import { createIssuerKey } from '../../shared/crypto/issuer-keys';
import type { Database } from '../db/schema';
import { audit } from '../repositories/audit';
import { certifySigningKey } from './key-certification';
import { seal } from './master-key';
import { nodeSubtle } from './node-subtle';
import { findRoot } from './root-key';
import { lockTrust } from './trust-lock';

/** A new active signing key as stored. */
export interface NewSigningKey {
  readonly kid: string;
  readonly public_key: string;
  readonly active: boolean;
  readonly created_at: Date;
}

/**
 * Makes a new Ed25519 key the active one inside the caller's transaction (under the trust lock), and
 * certifies it with the root when the server has one (a first start certifies right after, trust-setup.ts).
 */
export async function insertActiveKey(trx: Transaction<Database>, masterKey: Buffer): Promise<NewSigningKey> {
  await lockTrust(trx);
  const material = await createIssuerKey(nodeSubtle);
  const previous = await trx
    .updateTable('signing_keys')
    .set({ active: false })
    .where('active', '=', true)
    .returning('kid')
    .execute();
  const row = await trx
    .insertInto('signing_keys')
    .values({
      kid: material.kid,
      public_key: material.publicKeyBase64,
      private_key_enc: seal(masterKey, material.privateKeyPkcs8Base64),
      active: true,
    })
    .returning(['kid', 'public_key', 'active', 'created_at'])
    .executeTakeFirstOrThrow();
  const root = await findRoot(trx);
  if (root !== undefined) await certifySigningKey(trx, masterKey, root, row);
  await audit(trx, {
    action: 'trust.key_rotated',
    details: { kid: row.kid, previous: previous.map((p) => p.kid), certified: root !== undefined },
  });
  return row;
}
