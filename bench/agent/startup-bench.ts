import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMain } from '../../src-main/electron/bundle-main';
import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';
import { median } from '../lib/stats';
import { createAgentFixture } from './agent-fixture';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'tessera.mjs');

/** Builds dist/cli when a source is newer (scripts/bundle.mjs), as `npm run tessera` does. */
export const ensureCliBundle = (): string => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), 'cli'], { cwd: ROOT, stdio: 'pipe' });
  return CLI;
};

const wallMs = (args: string[], env: NodeJS.ProcessEnv): number => {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { env, stdio: 'pipe' });
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const bytesUnder = (dir: string, match: (name: string) => boolean): number =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(match)
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

/**
 * Start-up as users pay it: the bundled `tessera --help` and `tessera status` against `node -e 0`, run
 * interleaved in the same loop so machine load weighs on all three alike; and the sizes of the Electron
 * main entry (what loads at start, chunks apart) and the sandboxed preload.
 */
export async function benchStartup(config: BenchConfig, figures: Figures): Promise<void> {
  ensureCliBundle();
  const fixture = await createAgentFixture();
  const env = { ...process.env, TESSERA_HOME: fixture.dataDir };
  const runs = Math.max(5, Math.round(config.agentIterations / 10));
  const node: number[] = [];
  const help: number[] = [];
  const status: number[] = [];
  try {
    wallMs([CLI, 'status'], env); // warm the file cache once
    for (let i = 0; i < runs; i += 1) {
      node.push(wallMs(['-e', '0'], env));
      help.push(wallMs([CLI, '--help'], env));
      status.push(wallMs([CLI, 'status'], env));
    }
  } finally {
    rmSync(fixture.dataDir, { recursive: true, force: true });
  }
  const baseline = median(node);
  figures.add('agent.node.baseline', baseline, 'ms', { note: '`node -e 0`, same loop' });
  figures.add('agent.cli.help', median(help), 'ms', {
    target: { op: '<=', value: Math.round(2 * baseline) },
    note: 'dist/cli/tessera.mjs --help, wall to exit; target 2× node -e 0',
  });
  figures.add('agent.cli.status', median(status), 'ms', {
    target: { op: '<=', value: Math.round(2 * baseline) },
    note: 'dist/cli/tessera.mjs status (cached probe, one lease), wall to exit; target 2× node -e 0',
  });
  const out = mkdtempSync(join(tmpdir(), 'tessera-bench-main-'));
  try {
    await buildMain(ROOT, out);
    figures.add('bundle.main.bytes', statSync(join(out, 'main.js')).size / 1024, 'KiB', {
      note: `entry loaded at start; lazy chunks ${Math.round(bytesUnder(join(out, 'chunks'), (n) => n.endsWith('.js')) / 1024)} KiB`,
    });
    figures.add('bundle.preload.bytes', statSync(join(out, 'preload.cjs')).size / 1024, 'KiB');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
