import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsFileSchema } from '../../bench/lib/figures';

// The bench harness itself (not its numbers): `npm run bench -- --quick` must run every suite and
// write a well-formed results file. Timing goals are never asserted here.

const out = mkdtempSync(join(tmpdir(), 'tessera-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --quick', () => {
  it('runs every suite on PGlite and writes bench/results/<timestamp>.json that matches the schema', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--quick', '--db', 'pglite', '--out', out],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 450_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const stdout = run.stdout;
    const files = readdirSync(out).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const results = ResultsFileSchema.parse(JSON.parse(readFileSync(join(out, files[0] ?? ''), 'utf8')));
    expect(results.quick).toBe(true);
    expect(results.figures.filter((f) => f.key.endsWith('.failed'))).toEqual([]);
    const keys = results.figures.map((f) => f.key);
    for (const expected of [
      'server.pglite.activation.spread.c1.rps',
      'server.pglite.activation.concentrated.c8.ratio_server_over_direct',
      'server.pglite.heartbeat.sessions1000.rps',
      'server.pglite.heartbeat.sessions1000.ratio_cpu_server_over_direct',
      'server.pglite.cull.sessions1000.duration',
      'server.pglite.offline.c8.rps',
      'agent.status.at-start.warm',
      'agent.cli.status.wall',
    ]) {
      expect(keys).toContain(expected);
    }
    const measured = results.figures.filter((f) => !f.key.includes('.admin.'));
    expect(measured.every((f) => f.value !== null && Number.isFinite(f.value) && f.value >= 0)).toBe(true);
    expect(stdout).toContain('server.pglite.activation.spread.c1.rps');
  });
});
