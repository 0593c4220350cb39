import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listeningUrl } from '../../test/support/server-process';
import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';
import { median } from '../lib/stats';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = join(ROOT, 'dist', 'server', 'tessera-server.mjs');
const run = promisify(execFile);

const envFor = (dataDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  TESSERA_DATA_DIR: dataDir,
  DATABASE_URL: '',
  TESSERA_LOG_LEVEL: 'warn',
});

const since = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

/** Starts the bundled server on `dataDir` and answers the time from spawn to the first 200 of /healthz. */
const startToHealthy = async (dataDir: string): Promise<{ ms: number; child: ChildProcess }> => {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [SERVER, 'serve', '--port', '0'], {
    env: envFor(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child, 120_000);
  for (;;) {
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { ms: since(started), child };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const stop = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

/**
 * The operator's first minutes, as the bundled `tessera-server` (what `npm run server` runs) pays them on
 * PGlite: start to a 200 from /healthz on a fresh data folder (PGlite's first open, migrations, root and
 * signing key) and on an existing one, and one operator command (`org list --json`) carried out by the
 * running server over its operator channel, wall time of the command process.
 */
export async function benchServerStart(config: BenchConfig, figures: Figures): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), 'server'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  const rounds = config.quick ? 1 : 3;
  const fresh: number[] = [];
  const existing: number[] = [];
  const operator: number[] = [];
  const folders: string[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-start-'));
      folders.push(dataDir);
      const first = await startToHealthy(dataDir);
      fresh.push(first.ms);
      await run(process.execPath, [SERVER, 'init', '--account', 'Bench', '--email', 'owner@bench.test'], {
        env: envFor(dataDir),
      });
      await stop(first.child);
      const again = await startToHealthy(dataDir);
      existing.push(again.ms);
      try {
        for (let i = 0; i < (config.quick ? 1 : 3); i += 1) {
          const started = process.hrtime.bigint();
          await run(process.execPath, [SERVER, 'org', 'list', '--json'], { env: envFor(dataDir) });
          operator.push(since(started));
        }
      } finally {
        await stop(again.child);
      }
    }
  } finally {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
  figures.add('server.start.fresh.healthz', median(fresh), 'ms', {
    target: { op: '<=', value: 6000 },
    note: 'bundled tessera-server serve on an empty PGlite folder, spawn to first 200 of /healthz',
  });
  figures.add('server.start.existing.healthz', median(existing), 'ms', {
    target: { op: '<=', value: 2000 },
    note: 'the same on the folder it made before (after init)',
  });
  figures.add('server.operator.command.wall', median(operator), 'ms', {
    target: { op: '<=', value: 1000 },
    note: '`tessera-server org list --json` while the server runs (operator channel), process wall time',
  });
}
