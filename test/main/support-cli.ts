import { spawn } from 'node:child_process';

/** What one `tessera` process did. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (tsx, source) as a child process with its own data folder and the given stdin. */
export const runTessera = (args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/tessera.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
