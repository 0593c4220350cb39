import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ActivationRequest } from '../../shared/contracts/http/activations';
import { SessionCheckoutRequest } from '../../shared/contracts/http/sessions';
import { checkout } from '../../src-server/services/checkout-use-case';
import { activate } from '../../src-server/services/activation-use-case';
import { fakeMachine } from '../support/machines';
import { StatementCounter } from '../support/statement-counter';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { grantSeat } from './api';

// PGlite runs every statement in turn on one connection, so each statement an activation adds costs
// every client (BENCHMARKS.md "Before/after against the round-2 reference"). These counts pin the
// statements (round trips, besides begin and commit) one activation makes for each kind; a change
// that adds one must say why here. Counts, not times: no timed assertion.

const LINES = [
  { name: 'KRE session', productId: 'kre', kind: 'session', seat: false },
  { name: 'KRE floating', productId: 'kre', kind: 'floating', seat: false },
  { name: 'KRE node-locked', productId: 'kre', kind: 'node-locked', seat: false },
  { name: 'KSE per-user', productId: 'kse', kind: 'per-user', seat: true },
  { name: 'TestOps seat', productId: 'testops-full', kind: 'seat', seat: true },
  { name: 'TestCloud session', productId: 'testcloud-desktop-browser', kind: 'session', seat: false },
  { name: 'TrueTest aut', productId: 'truetest', kind: 'aut', seat: false },
] as const;

/** Statements of one activation of each line: a machine already activated (a refresh), then a new one. */
const EXPECTED: Record<(typeof LINES)[number]['name'], { refresh: number; newMachine: number }> = {
  'KRE session': { refresh: 11, newMachine: 13 },
  'KRE floating': { refresh: 13, newMachine: 14 },
  'KRE node-locked': { refresh: 13, newMachine: 14 },
  'KSE per-user': { refresh: 14, newMachine: 17 },
  'TestOps seat': { refresh: 12, newMachine: 13 },
  'TestCloud session': { refresh: 11, newMachine: 12 },
  'TrueTest aut': { refresh: 11, newMachine: 12 },
};

describe.each(DB_KINDS)('statements of one activation (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  /** Statements the operation makes, granted. */
  const counted = async (
    op: (ctx: TestServer['ctx']) => Promise<{ ok: boolean; error?: { code: string } }>,
  ): Promise<number> => {
    const counter = new StatementCounter();
    const done = await op({ ...server.ctx, db: server.ctx.db.withPlugin(counter) });
    if (!done.ok) throw new Error(`refused: ${done.error?.code ?? ''}`);
    return counter.count;
  };
  const statementsOf = (userId: string, req: ActivationRequest) =>
    counted((ctx) => activate(ctx, userId, req));

  it('R9 R19 R21 R22 R25 R26 R1 R3 an activation of each kind makes a fixed number of statements', async () => {
    const seen: Record<string, { refresh: number; newMachine: number }> = {};
    for (const line of LINES) {
      const org = await seedOrg(server.ctx);
      await seedSubscription(server.ctx, org.orgId, {
        productId: line.productId,
        kind: line.kind,
        quota: 5,
        machineQuota: 10,
      });
      if (line.seat) {
        const seat = await grantSeat(
          server.app,
          org.owner.apiKey,
          org.orgId,
          line.productId,
          org.member.userId,
        );
        expect(seat.ok).toBe(true);
      }
      const request = () =>
        ActivationRequest.parse({
          productId: line.productId,
          organizationId: org.orgId,
          machine: fakeMachine(),
        });
      const first = request();
      await statementsOf(org.member.userId, first);
      seen[line.name] = {
        refresh: await statementsOf(org.member.userId, first),
        newMachine: await statementsOf(org.member.userId, request()),
      };
    }
    expect(seen).toEqual(EXPECTED);
  });

  it('R9 R21 R22 a KRE session on a reserved machine is checked out without counting the line', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
    const machine = fakeMachine();
    const req = ActivationRequest.parse({ productId: 'kre', organizationId: org.orgId, machine });
    await statementsOf(org.member.userId, req);
    const session = (ctx: TestServer['ctx']) =>
      checkout(
        ctx,
        org.member.userId,
        SessionCheckoutRequest.parse({
          productId: 'kre',
          organizationId: org.orgId,
          machineId: machine.machineId,
        }),
      );
    // The reservation covers the first session (no count); a parallel one takes a license (counted).
    expect({ covered: await counted(session), parallel: await counted(session) }).toEqual({
      covered: 9,
      parallel: 10,
    });
  });
});
