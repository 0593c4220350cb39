import { spawn, type ChildProcess } from 'node:child_process';

/** What one `tessera` process did. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A running `tessera` process whose output is collected as it arrives. */
export interface CliProcess {
  readonly process: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  readonly exited: Promise<number>;
}

/** Test-only preload that sets the child's clock from FAKE_CLOCK_AT_MS (epoch ms), like a changed system clock. */
export const FAKE_CLOCK = ['--import', './test/main/fixtures/fake-clock.ts'];

/** Starts the real CLI (tsx, source) as a child process with the given environment and stdin. */
export const spawnTessera = (
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
  nodeOptions: string[] = [],
): CliProcess => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...nodeOptions, 'src-main/cli/tessera.ts', ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const run = { process: child, stdout: '', stderr: '', exited: Promise.resolve(0) };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  child.stdin?.end(stdin);
  run.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return run;
};

/** Runs the CLI to completion. */
export const runTessera = async (
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
  nodeOptions: string[] = [],
): Promise<CliRun> => {
  const run = spawnTessera(args, env, stdin, nodeOptions);
  const code = await run.exited;
  return { code, stdout: run.stdout, stderr: run.stderr };
};

/** Polls until a condition holds (e.g. a line appeared on stderr), failing after `timeoutMs`. */
export const waitFor = async (condition: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting for the CLI.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
