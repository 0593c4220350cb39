import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getSubscription } from '../../../src-server/services/admin/subscription-reads';
import { machinesPage } from '../../../src-server/services/admin/registered-machines';
import { createOrganization } from '../../../src-server/services/provisioning';
import { seedOrg, seedSubscription } from '../../support/seed';
import { StatementCounter } from '../../support/statement-counter';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';

// License Management reads the caller's role, whose lines and which lines in one statement
// (src-server/repositories/line-chain.ts) and a line's numbers in one more (license-counts.ts): on
// PostgreSQL each statement is a round trip, on PGlite each waits for the one before. These counts pin
// them; a change that adds one must say why here. Counts, not times: no timed assertion.

describe.each(DB_KINDS)('statements of a License Management read (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  /** Statements the read makes; it must succeed. */
  const counted = async (
    read: (ctx: TestServer['ctx']) => Promise<{ ok: boolean; error?: { code: string } }>,
  ): Promise<number> => {
    const counter = new StatementCounter();
    const done = await read({ ...server.ctx, db: server.ctx.db.withPlugin(counter) });
    if (!done.ok) throw new Error(`refused: ${done.error?.code ?? ''}`);
    return counter.count;
  };

  it('R13 R15 R16 subscription details and a Registered Machines page read scope and counts in few statements', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
    const child = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'Child',
      parentId: org.orgId,
    });
    const userId = org.owner.userId;
    const page = { userId, productId: 'kre', offset: 0, limit: 50 };
    expect({
      subscription: await counted((ctx) => getSubscription(ctx, userId, org.orgId, 'kre')),
      machinesPage: await counted((ctx) => machinesPage(ctx, { ...page, orgId: org.orgId })),
      inheritedMachinesPage: await counted((ctx) => machinesPage(ctx, { ...page, orgId: child })),
    }).toEqual({ subscription: 2, machinesPage: 3, inheritedMachinesPage: 4 });
  });
});
