import { expect } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { SubscriptionList } from '../../../shared/contracts/http/admin-licenses';
import { OrgTree, UsageSeries } from '../../../shared/contracts/http/admin-org';
import { assignedOf, availableOf, dedicatedOf, poolOf } from '../../../shared/domain/allocation-tree';
import { expectOk } from '../admin/admin-kit';
import { isLive, ROOT, SUB, type Model } from './model';
import { chargedTree, detailsOf, usedLicenses } from './model-numbers';
import { PRODUCTS, TERMS, TTL_SECONDS, type ProductName, type World } from './world';

// The checks after every step: what the admin API shows equals the model (R14, R16, usage chart),
// the sessions the database holds are the model's, and nothing is used beyond a quota (R9, R17, R21).

/** R16: License Management's available licenses and registered machines of each line. */
async function licenseManagement(w: World, m: Model) {
  const lines = await expectOk(
    w.server.app,
    { method: 'GET', url: ADMIN_PATHS.subscriptions(w.rootOrgId), key: w.ownerKey },
    SubscriptionList,
  );
  for (const p of PRODUCTS) {
    const line = lines.find((l) => l.productId === p);
    const { used, available, machinesRegistered } = line ?? {};
    expect({ product: p, used, available, machinesRegistered }, 'License Management').toEqual({
      product: p,
      ...detailsOf(m, p),
    });
  }
}

/** R13/R14: each node's dedicated, pool, assigned and available licenses. */
async function orgTree(w: World, m: Model, p: ProductName) {
  const got = await expectOk(
    w.server.app,
    { method: 'GET', url: ADMIN_PATHS.tree(w.rootOrgId, p), key: w.ownerKey },
    OrgTree,
  );
  const tree = chargedTree(m, p);
  const ids: Record<string, string> = { [ROOT]: w.rootOrgId, [SUB]: w.subOrgId };
  const want = [ROOT, SUB].map((n) => ({
    id: ids[n],
    dedicated: dedicatedOf(tree, n, p),
    pool: Math.max(0, poolOf(tree, n, p)),
    assigned: assignedOf(tree, n, p),
    available: Math.max(0, availableOf(tree, n, p)),
  }));
  const seen = got.nodes
    .map(({ id, dedicated, pool, assigned, available }) => ({ id, dedicated, pool, assigned, available }))
    .sort((a, b) => (a.id === w.rootOrgId ? -1 : b.id === w.rootOrgId ? 1 : 0));
  expect(seen, `organization tree of ${p}`).toEqual(want);
}

/** The utilization chart's "now" is License Management's count, which is the model's (R9, R16). */
async function usage(w: World, m: Model, p: ProductName) {
  const from = new Date(w.startedAt).toISOString();
  const to = new Date(m.now + 1000).toISOString();
  const got = await expectOk(
    w.server.app,
    {
      method: 'GET',
      url: ADMIN_PATHS.usage(w.rootOrgId, p),
      key: w.ownerKey,
      query: { from, to, bucket: 'hour' },
    },
    UsageSeries,
  );
  expect(got.now, `usage of ${p} now`).toEqual({ used: usedLicenses(m, p), quota: TERMS[p].quota });
}

/** The sessions not yet ended in the database are exactly the model's, and so are the live ones. */
async function sessions(w: World, m: Model) {
  const rows = await w.server.ctx.db
    .selectFrom('sessions as s')
    .innerJoin('subscriptions as sub', 'sub.id', 's.subscription_id')
    .select(['s.id', 's.heartbeat_at'])
    .where('sub.org_id', '=', w.rootOrgId)
    .where('s.ended_at', 'is', null)
    .execute();
  const cutoff = m.now - TTL_SECONDS * 1000;
  const db = {
    open: rows.map((r) => r.id).sort(),
    live: rows
      .filter((r) => r.heartbeat_at.getTime() > cutoff)
      .map((r) => r.id)
      .sort(),
  };
  const open = m.sessions.filter((s) => s.endedAt === null);
  expect(db, 'sessions').toEqual({
    open: open.map((s) => s.serverId).sort(),
    live: open
      .filter((s) => isLive(m, s))
      .map((s) => s.serverId)
      .sort(),
  });
}

/** Every check of one step; the tree and chart only of the products the step could change. */
export async function checkInvariants(w: World, m: Model, products: readonly ProductName[]): Promise<void> {
  await sessions(w, m);
  await licenseManagement(w, m);
  for (const p of products) {
    await orgTree(w, m, p);
    await usage(w, m, p);
  }
}
