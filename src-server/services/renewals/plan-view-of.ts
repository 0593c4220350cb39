import type { Kysely } from 'kysely';
import type { RenewalPlanView } from '../../../shared/contracts/ipc-admin-renewals';
import type { RenewalPlan } from '../../../shared/migration/renewal-plan-types';
import { renewalPlanView } from '../../../shared/migration/renewal-plan-view';
import type { Database } from '../../db/schema';

/** The plan's wire form with the e-mails of the users it names (grants and releases). */
export async function planViewOf(db: Kysely<Database>, plan: RenewalPlan): Promise<RenewalPlanView> {
  const ids = [...plan.grants.map((g) => g.userId), ...plan.released.map((r) => r.userId)];
  const rows = ids.length
    ? await db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute()
    : [];
  return renewalPlanView(plan, new Map(rows.map((r) => [r.id, r.email])));
}
