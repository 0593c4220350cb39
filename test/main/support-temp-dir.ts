import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * A fresh temp folder per test, removed afterwards, so tests never share agent state. The removal retries:
 * an agent finishes some work in the background (the hardware probe completes machine.json after it
 * answered), and a file written while the folder is being removed makes one pass fail with ENOTEMPTY.
 */
export const useTempDirs = (): (() => Promise<string>) => {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(
      made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })),
    );
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-main-'));
    made.push(dir);
    return dir;
  };
};
