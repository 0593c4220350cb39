import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { planActivation } from '../../src-server/services/activation-rules';
import { inLockedSubscription } from '../../src-server/services/locked-work';
import { upsertMachine } from '../../src-server/repositories/machines';
import { ok } from '../../shared/result';
import { activateOk } from './api';

/** Counts the rows every statement hands back to JavaScript. */
class RowCounter implements KyselyPlugin {
  rows = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.rows += args.result.rows.length;
    return args.result;
  }
}

describe.each(DB_KINDS)('activation work at scale (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  it("R21 R22 a new machine is decided without loading the subscription's other live activations", async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 100,
      machineQuota: 100,
    });
    const machines = 40;
    for (let i = 0; i < machines; i++) await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    const counter = new RowCounter();
    const planned = await inLockedSubscription(
      server.ctx,
      { userId: org.member.userId, productId: 'kre', consumer: { userId: org.member.userId } },
      async (trx, sub, now) => {
        const counted = trx.withPlugin(counter);
        // A user of its own: the disk-replaced look-up (at most 50 same-user machines) finds none.
        const machine = await upsertMachine(counted, sub.orgId, fakeMachine({ osUser: 'newcomer' }));
        if (!machine.ok) return machine;
        const plan = await planActivation({
          trx: counted,
          sub,
          machine: machine.value,
          userId: org.member.userId,
          now,
          ttlSeconds: server.ctx.config.sessionTtlSeconds,
          transfer: false,
        });
        return plan.ok ? ok(plan.value) : plan;
      },
    );
    expect(planned.ok).toBe(true);
    // Before: two reads of every live activation (2 × 40 rows); now a handful of one-row facts.
    expect(counter.rows).toBeLessThan(machines);
  });
});
