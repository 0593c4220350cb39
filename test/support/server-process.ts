import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A license server running as its own OS process (the real CLI `serve`), for multi-process tests. */
export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Spawns `tsx src-server/cli.ts serve --port 0` and resolves with the URL from its start banner. */
/** The URL a spawned `serve` prints once it listens; rejects with its output if it exits or times out first. */
export function listeningUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

export async function spawnServerProcess(
  env: Record<string, string>,
  startTimeoutMs = 120_000,
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-srv-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', 'serve', '--port', '0'], {
    env: { ...process.env, TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child, startTimeoutMs);
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
