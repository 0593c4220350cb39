// The desktop main process's log: pino into a file in the agent's data folder, rotated by size at
// start, with secrets removed twice over (known fields redacted, API-key-shaped text masked anywhere).
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/** The log file inside the data folder; older ones are main.log.1 … main.log.N. */
export const LOG_FILE = join('logs', 'main.log');
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 3;

/** Field names whose values never reach the log, at any of the first two levels. */
const SECRET_FIELDS = ['apiKey', 'key', 'secret', 'password', 'token', 'authorization', 'masterKey'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.headers.${field}`]);
/** Tessera API keys (tsk_ + base32) and bearer tokens, wherever they appear in text. */
const SECRET_TEXT = /\b(tsk_)[a-z2-7]{8,}|\b(Bearer\s+)\S+/gi;

/** Masks secret-shaped text in every string of a value (messages, error texts, stacks). */
export const scrubSecrets = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string')
    return value.replace(
      SECRET_TEXT,
      (_m, tsk?: string, bearer?: string) => `${tsk ?? bearer ?? ''}[redacted]`,
    );
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return scrubSecrets({ type: value.name, message: value.message, stack: value.stack }, depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubSecrets(v, depth + 1)]));
};

/** Renames main.log to main.log.1 (and so on, keeping KEEP) once it has grown past `maxBytes`. */
export const rotateLogs = (path: string, maxBytes = MAX_BYTES, keep = KEEP): void => {
  if (!existsSync(path) || statSync(path).size < maxBytes) return;
  for (let n = keep - 1; n >= 1; n -= 1) {
    if (existsSync(`${path}.${n}`)) renameSync(`${path}.${n}`, `${path}.${n + 1}`);
  }
  renameSync(path, `${path}.1`);
};

/** Opens the main-process logger for `dataDir`; `sync` writes each line at once (tests, crashes). */
export const createMainLogger = (
  dataDir: string,
  options: { level?: string; maxBytes?: number; sync?: boolean } = {},
): Logger => {
  const path = join(dataDir, LOG_FILE);
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  rotateLogs(path, options.maxBytes);
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrubSecrets(arg)) as Parameters<typeof method>);
        },
      },
    },
    pino.destination({ dest: path, sync: options.sync ?? false, mkdir: true, mode: 0o600 }),
  );
};
