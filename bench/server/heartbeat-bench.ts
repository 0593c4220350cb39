import { sql } from 'kysely';
import { cullSessions } from '../../src-server/jobs/session-culler';
import { heartbeat } from '../../src-server/services/heartbeat-release';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import type { TestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import { createCpuMeter } from '../lib/cpu-meter';
import type { Figures } from '../lib/figures';
import { addVersusFigures, versusDirect } from '../lib/versus-direct';
import { benchUuid, labels, seedKreOrg, seedMachines, seedSessions } from './bulk-seed';

const PREFIX = 'hb';

/** Session ids 1..n in a scattered order, so concurrent connections touch different rows and pages. */
const scattered = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => benchUuid(labels.session(PREFIX, 1 + ((i * 7919) % n))));

/**
 * Heartbeats per second with 10,000 and 100,000 live sessions (one KRE user heartbeating sessions
 * spread over all of them), the same call without HTTP in the same round, then the culling job's
 * duration when every session has gone stale at the largest size.
 */
export async function benchHeartbeats(
  server: TestServer,
  db: string,
  config: BenchConfig,
  figures: Figures,
): Promise<void> {
  if (server.url === null) throw new Error('The heartbeat bench needs a listening server.');
  const url = server.url;
  const org = await seedKreOrg(server.ctx.db, PREFIX);
  const meter = await createCpuMeter(server.ctx.db, db === 'postgres');
  let seeded = 0;
  for (const size of config.heartbeatSessions) {
    const range = { prefix: PREFIX, from: seeded + 1, to: size };
    await seedMachines(server.ctx.db, { ...range, orgId: org.orgId });
    await seedSessions(server.ctx.db, {
      ...range,
      subscriptionId: org.subscriptionId,
      userId: org.userId,
    });
    seeded = size;
    await sql`analyze`.execute(server.ctx.db);
    const ids = scattered(size);
    const load = {
      url,
      method: 'POST' as const,
      connections: config.heartbeatConnections,
      durationSeconds: config.durationSeconds,
      warmupSeconds: config.warmupSeconds,
      clients: [
        {
          authorization: `Bearer ${org.apiKey}`,
          requests: ids.map((id) => ({ path: HTTP_PATHS.heartbeat(id) })),
        },
      ],
    };
    const rounds = await versusDirect(
      config.repeats,
      load,
      async (worker, i) => {
        const id = ids[(worker * 977 + i) % ids.length];
        return id !== undefined && (await heartbeat(server.ctx, org.userId, id)).ok;
      },
      { meter, profileLabel: `${db}-heartbeat-${size}` },
    );
    const rps = db === 'postgres' ? { rps: 5000, ratio: 0.7 } : { ratio: 0.7 };
    addVersusFigures(figures, `server.${db}.heartbeat.sessions${size}`, rounds, rps);
  }
  await sql`update sessions set heartbeat_at = now() - interval '2 hours' where ended_at is null`.execute(
    server.ctx.db,
  );
  const started = performance.now();
  let culled = 0;
  for (let n = -1; n !== 0; culled += n) n = await cullSessions(server.ctx.db, Date.now(), 3600);
  const ms = performance.now() - started;
  figures.add(`server.${db}.cull.sessions${seeded}.duration`, ms, 'ms', { note: `${culled} sessions ended` });
}
