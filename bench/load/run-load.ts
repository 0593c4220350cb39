import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoadResultSchema, LoadSpecSchema, type LoadResult, type LoadSpec } from './load-spec';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Runs autocannon in a child process (tsx) and returns its measurement; throws with its stderr on failure. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-load-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(LoadSpecSchema.parse(spec)));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, specPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`load generator exited with ${code}: ${stderr}`);
    const line = stdout.trim().split('\n').pop() ?? '';
    return LoadResultSchema.parse(JSON.parse(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
