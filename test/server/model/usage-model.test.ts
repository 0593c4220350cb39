import fc from 'fast-check';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { outcomes, tally } from './command-kit';
import { allCommands } from './commands';
import { emptyModel } from './model';
import { createWorld, TTL_SECONDS } from './world';

// R9, R13–R17, R19–R23: random sequences of real requests against the server, compared after every
// step with a model built from shared/ rules. MODEL_RUNS sets how many sequences (default 200,
// 5,000 under STRESS=1); a failure prints the shrunk sequence of commands.

const STRESS = process.env.STRESS === '1';
const RUNS = Number(process.env.MODEL_RUNS ?? (STRESS ? 5000 : 200));
const MAX_STEPS = 40;

describe.each(DB_KINDS)('usage model (%s)', (db) => {
  // A clock only the run moves, on whole seconds, a day ahead of the wall clock (rows the database
  // stamps itself stay in the past of every run).
  let now = Math.floor(Date.now() / 1000) * 1000 + 86_400_000;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  // Within the signing key certificate (5 years): no file may outlive the key that signs it.
  const endsAt = new Date(now + 3 * 365 * 86_400_000);
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      db,
      postgresUrl: inject('postgresUrl'),
      sessionTtlSeconds: TTL_SECONDS,
      authFailuresPerMinute: 1_000_000,
      clock: clock.now,
    });
  }, 300_000); // migrations on a busy machine have taken longer than the project's 120 s hook timeout
  afterAll(async () => {
    if (process.env.MODEL_STATS === '1')
      console.log(
        [...outcomes]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n'),
      );
    await server.close();
  });

  it(
    `R9 R13 R14 R16 R17 R19 R21 R22 R23 R24: ${RUNS} random sequences of up to ${MAX_STEPS} steps agree with the model`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(allCommands, { maxCommands: MAX_STEPS, size: 'max' }), async (cmds) => {
          const t0 = performance.now();
          const world = await createWorld(server, clock, endsAt);
          const t1 = performance.now();
          await fc.asyncModelRun(() => ({ model: emptyModel(clock.now()), real: world }), cmds);
          tally(`~world ms ${Math.round((t1 - t0) / 100) * 100}`, null);
          tally(`~run ms ${Math.round((performance.now() - t1) / 1000) * 1000}`, null);
        }),
        { numRuns: RUNS },
      );
    },
    // About 3–8 s a sequence on a busy 2-core machine: 10 s each plus start-up.
    (RUNS * 10 + 600) * 1000,
  );
});
