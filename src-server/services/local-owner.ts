import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addMember, createAccount, createOrganization, createUser, issueApiKey } from './provisioning';

/** The owner the desktop app's embedded server creates for the person at this computer. */
export const LOCAL_OWNER_EMAIL = 'owner@this-computer.local';

/**
 * One click in the desktop app's embedded mode: makes the account, organization and owner for this
 * computer on first use, or, when they exist and the app lost its key, issues the owner a new key.
 * Returns the API key (the app stores it in the OS keychain at once).
 */
export async function localOwnerKey(db: Kysely<Database>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', LOCAL_OWNER_EMAIL)
      .executeTakeFirst();
    if (existing !== undefined) return issueApiKey(trx, existing.id);
    const accountId = await createAccount(trx, 'This computer');
    const orgId = await createOrganization(trx, { accountId, name: 'This computer' });
    const owner = await createUser(trx, { email: LOCAL_OWNER_EMAIL, name: 'Owner (this computer)' });
    await addMember(trx, { orgId, userId: owner.userId, role: 'owner' });
    return owner.apiKey;
  });
}
