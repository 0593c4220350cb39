import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import { fakeMachine } from '../../test/support/machines';
import type { TestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';
import { medianOf, repeat } from '../lib/stats';
import { runLoad } from '../load/run-load';
import { seedKreOrg } from './bulk-seed';

const CONNECTIONS = 8;
const MACHINE_POOL = 5_000;

/** Offline-license creations per second over HTTP (quota check, Ed25519 signing, storage, audit). */
export async function benchOfflineLicenses(
  server: TestServer,
  db: string,
  config: BenchConfig,
  figures: Figures,
): Promise<void> {
  if (server.url === null) throw new Error('The offline bench needs a listening server.');
  const org = await seedKreOrg(server.ctx.db, 'offline');
  const path = HTTP_PATHS.offlineLicenses(org.orgId);
  const requests = Array.from({ length: MACHINE_POOL }, () => ({
    path,
    body: JSON.stringify({ productId: 'kre', machineId: fakeMachine().machineId }),
  }));
  const rounds = await repeat(config.repeats, async () => {
    const http = await runLoad({
      url: `${server.url}${path}`,
      method: 'POST',
      connections: CONNECTIONS,
      durationSeconds: config.durationSeconds,
      warmupSeconds: config.warmupSeconds,
      clients: [{ authorization: `Bearer ${org.apiKey}`, requests }],
    });
    if (http.non2xx + http.errors > 0) throw new Error(`offline-license load failed: ${http.firstFailure}`);
    return http;
  });
  const key = `server.${db}.offline.c${CONNECTIONS}`;
  figures.add(
    `${key}.rps`,
    medianOf(rounds, (r) => r.requestsPerSecond),
    'licenses/s',
  );
  figures.add(
    `${key}.p50`,
    medianOf(rounds, (r) => r.p50Ms),
    'ms',
  );
  figures.add(
    `${key}.p99`,
    medianOf(rounds, (r) => r.p99Ms),
    'ms',
  );
}
