import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What one run of the operator CLI printed, with its `key: value` lines read into fields. */
export interface OperatorCliResult {
  readonly fields: Record<string, string>;
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** The first value of each `key: value` line, as scripts read the operator CLI's output. */
export const fieldsOf = (stdout: string): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n').filter((l) => l.includes(': '))) {
    const key = line.slice(0, line.indexOf(': '));
    fields[key] ??= line.slice(line.indexOf(': ') + 2);
  }
  return fields;
};

/**
 * Runs `src-server/cli.ts` as an operator does (its own process, PGlite unless `env` names a database),
 * for the CLI tests; a failing exit is returned, not thrown.
 */
export async function runOperatorCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<OperatorCliResult> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src-server/cli.ts', ...args],
      { env: { ...process.env, DATABASE_URL: '', ...env } },
    );
    return { fields: fieldsOf(stdout), stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { fields: fieldsOf(e.stdout), stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}
