import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type Transaction,
  type UnknownRow,
} from 'kysely';
import { z } from 'zod';
import type { Database } from '../../src-server/db/schema';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { planActivation } from '../../src-server/services/activation-rules';
import { inLockedSubscription } from '../../src-server/services/locked-work';
import { upsertMachine } from '../../src-server/repositories/machines';
import { ok } from '../../shared/result';
import { activateOk, checkoutSession } from './api';
import { planCheckout } from '../../src-server/services/checkout-rules';
import { findMachine } from '../../src-server/repositories/machines';

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

/** Keeps every statement a transaction runs, to replay its reads under EXPLAIN ANALYZE. */
class StatementLog implements KyselyPlugin {
  readonly seen: PluginTransformQueryArgs[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.seen.push(args);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

type PlanNode = { 'Actual Rows'?: number; 'Actual Loops'?: number; Plans?: PlanNode[] };
const planNode: z.ZodType<PlanNode> = z.lazy(() =>
  z.object({
    'Actual Rows': z.number().optional(),
    'Actual Loops': z.number().optional(),
    Plans: z.array(planNode).optional(),
  }),
);
const rowsOf = (n: PlanNode): number =>
  (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1) + (n.Plans ?? []).reduce((t, p) => t + rowsOf(p), 0);

/** Rows every plan node of the logged reads produced (what the database visited), replayed in `trx`. */
async function rowsVisited(trx: Transaction<Database>, log: StatementLog): Promise<number> {
  // The test's tables are tiny, where a scan is the planner's cheapest choice; ask what the indexes allow.
  await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
  let total = 0;
  for (const q of log.seen) {
    const compiled = trx.getExecutor().compileQuery(q.node, q.queryId);
    if (!/^\s*(select|with)\b/i.test(compiled.sql) || /for update/i.test(compiled.sql)) continue;
    const explained = await trx.executeQuery(
      CompiledQuery.raw(`explain (analyze, format json) ${compiled.sql}`, [...compiled.parameters]),
    );
    const plan = z
      .array(z.object({ 'QUERY PLAN': z.unknown() }))
      .parse(explained.rows)
      .flatMap((r) => {
        const v = r['QUERY PLAN'];
        return z.array(z.object({ Plan: planNode })).parse(typeof v === 'string' ? JSON.parse(v) : v);
      });
    total += plan.reduce((t, p) => t + rowsOf(p.Plan), 0);
  }
  return total;
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

  it('R9 R22 a KRE quota check under the lock visits no row per machine already holding a license', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 100 });
    const machines = 40;
    for (let i = 0; i < machines; i++) await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    let visited = 0;
    const planned = await inLockedSubscription(
      server.ctx,
      { userId: org.member.userId, productId: 'kre', consumer: { userId: org.member.userId } },
      async (trx, sub, now) => {
        const machine = await upsertMachine(trx, sub.orgId, fakeMachine({ osUser: 'newcomer' }));
        if (!machine.ok) return machine;
        const log = new StatementLog();
        const plan = await planActivation({
          trx: trx.withPlugin(log),
          sub,
          machine: machine.value,
          userId: org.member.userId,
          now,
          ttlSeconds: server.ctx.config.sessionTtlSeconds,
          transfer: false,
        });
        visited = await rowsVisited(trx, log);
        return plan.ok ? ok(plan.value) : plan;
      },
    );
    expect(planned.ok).toBe(true);
    // Before: the quota check summed max(held, sessions) over every machine ID (≥ 3 rows per machine:
    // activation, machine, group); now the 40 reservations are one kept row (live_machine_counts).
    expect(visited).toBeLessThan(machines);
  });

  it("R21 R22 a KRE checkout is decided without loading the line's other live sessions", async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 100 });
    const machines = 40;
    for (let i = 0; i < machines; i++) {
      const m = fakeMachine();
      await activateOk(server.app, org.member.apiKey, 'kre', m);
      expect((await checkoutSession(server.app, org.member.apiKey, 'kre', m.machineId)).ok).toBe(true);
    }
    const newcomer = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', newcomer);
    const counter = new RowCounter();
    const planned = await inLockedSubscription(
      server.ctx,
      { userId: org.member.userId, productId: 'kre', consumer: { userId: org.member.userId } },
      async (trx, sub, now) => {
        const machine = await findMachine(trx, sub.orgId, newcomer.machineId);
        if (machine === undefined) throw new Error('the newcomer was activated above');
        const plan = await planCheckout({
          trx: trx.withPlugin(counter),
          sub,
          machine,
          userId: org.member.userId,
          now,
          ttlSeconds: server.ctx.config.sessionTtlSeconds,
          applicationId: undefined,
        });
        return plan.ok ? ok(plan.value) : plan;
      },
    );
    expect(planned.ok).toBe(true);
    // Before: every live session of the line (40 rows) was read into the server first.
    expect(counter.rows).toBeLessThan(machines);
  });
});
