import type { Role } from '../../shared/domain/roles';
import type { LicensingContext } from '../../src-server/services/context';
import {
  addMember,
  createAccount,
  createOrganization,
  createSubscription,
  createUser,
} from '../../src-server/services/provisioning';

/** A user with the API key the tests send. */
export interface SeededUser {
  readonly userId: string;
  readonly apiKey: string;
  readonly email: string;
}

/** An organization with one user per role, plus an admin of another organization (the R15 matrix). */
export interface SeededOrg {
  readonly accountId: string;
  readonly orgId: string;
  readonly otherOrgId: string;
  readonly owner: SeededUser;
  readonly admin: SeededUser;
  readonly member: SeededUser;
  readonly outsider: SeededUser;
  /** Adds another member (e.g. for seat or session counts). */
  addUser(role: Role, label?: string): Promise<SeededUser>;
}

let counter = 0;

/** Creates account → org (+ another org) and owner/admin/member/outsider with API keys. */
export async function seedOrg(ctx: LicensingContext, name = 'Acme'): Promise<SeededOrg> {
  const accountId = await createAccount(ctx.db, `${name} account`);
  const orgId = await createOrganization(ctx.db, { accountId, name });
  const otherOrgId = await createOrganization(ctx.db, {
    accountId: await createAccount(ctx.db, 'Other account'),
    name: 'Other',
  });
  const make = async (role: Role, label: string, org = orgId): Promise<SeededUser> => {
    counter += 1;
    const email = `${label}-${counter}-${Date.now()}@example.test`;
    const user = await createUser(ctx.db, { email, name: label });
    await addMember(ctx.db, { orgId: org, userId: user.userId, role });
    return { ...user, email };
  };
  return {
    accountId,
    orgId,
    otherOrgId,
    owner: await make('owner', 'owner'),
    admin: await make('admin', 'admin'),
    member: await make('member', 'member'),
    outsider: await make('admin', 'outsider', otherOrgId),
    addUser: (role, label = role) => make(role, label),
  };
}

/** Subscription terms for tests: a running multi-year contract started before the legacy cut-off. */
export interface SeedSubscription {
  readonly productId: string;
  readonly kind: string;
  readonly quota: number;
  readonly machineQuota?: number;
  readonly billingCycle?: 'monthly' | 'annual' | 'multi-year';
  readonly endsAt?: Date;
}

/** Adds a subscription or throws with the refusal (tests seed only valid ones). */
export async function seedSubscription(
  ctx: LicensingContext,
  orgId: string,
  s: SeedSubscription,
): Promise<string> {
  const result = await createSubscription(ctx.db, ctx.catalog, {
    orgId,
    productId: s.productId,
    kind: s.kind,
    quota: s.quota,
    machineQuota: s.machineQuota ?? s.quota * 10,
    billingCycle: s.billingCycle ?? 'multi-year',
    startsAt: new Date('2021-01-01T00:00:00Z'),
    endsAt: s.endsAt ?? new Date(Date.now() + 365 * 86_400_000),
  });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The organization's current subscription lines (not replaced by a migration), as tests compare them. */
export const liveSubscriptionLines = (ctx: LicensingContext, orgId: string) =>
  ctx.db
    .selectFrom('subscriptions')
    .select(['license_kind', 'quota'])
    .where('org_id', '=', orgId)
    .where('replaced_by', 'is', null)
    .orderBy('license_kind')
    .execute();
