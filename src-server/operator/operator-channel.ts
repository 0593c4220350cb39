import { createHash } from 'node:crypto';
import { chmod, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const MAX_MESSAGE_BYTES = 256 * 1024;

/** What an operator command sends to the server holding the data folder. */
export const OperatorRequest = z.strictObject({
  argv: z.array(z.string().max(4096)).max(64),
  cwd: z.string().min(1).max(4096),
});
/** What the server answers: the command's output and exit code, as if it had run in the caller. */
export const OperatorAnswer = z.strictObject({
  exitCode: z.number().int().min(0).max(255),
  stdout: z.string(),
  stderr: z.string(),
});
/** A command's outcome. */
export type OperatorAnswer = z.infer<typeof OperatorAnswer>;

/**
 * Where a data folder's server listens for operator commands: a Unix socket inside the folder (0700
 * folder, 0600 socket: only the folder's owner can connect), or a named pipe on Windows.
 */
export const operatorSocketPath = (dataDir: string): string => {
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\tessera-operator-${digest}`;
  const inside = join(dataDir, 'operator.sock');
  return inside.length < 100 ? inside : join(tmpdir(), `tessera-operator-${digest}.sock`);
};

const readLine = (socket: Socket): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_MESSAGE_BYTES) socket.destroy(new Error('operator message too large'));
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    socket.once('error', reject);
    socket.once('end', () => reject(new Error('the operator channel closed before answering')));
  });

/** Serves operator commands for the running server; `run` carries one out with the server's database. */
export async function startOperatorChannel(
  dataDir: string,
  run: (argv: string[], cwd: string) => Promise<OperatorAnswer>,
): Promise<{ close(): Promise<void> }> {
  const path = operatorSocketPath(dataDir);
  if (process.platform !== 'win32') await unlink(path).catch(() => undefined);
  const server: Server = createServer((socket) => {
    void (async () => {
      let answer: OperatorAnswer;
      try {
        const request = OperatorRequest.parse(JSON.parse(await readLine(socket)));
        answer = await run(request.argv, request.cwd);
      } catch (error) {
        answer = {
          exitCode: 2,
          stdout: '',
          stderr: `VALIDATION_FAILED: the operator request could not be read (${(error as Error).message}).\n`,
        };
      }
      socket.end(`${JSON.stringify(answer)}\n`);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  if (process.platform !== 'win32') await chmod(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (process.platform !== 'win32') void unlink(path).catch(() => undefined);
      }),
  };
}

/** Sends one operator command to the server holding the folder and returns what it printed. */
export async function sendOperatorCommand(dataDir: string, argv: string[]): Promise<OperatorAnswer> {
  const socket = createConnection(operatorSocketPath(dataDir));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(`${JSON.stringify({ argv, cwd: process.cwd() })}\n`);
  return OperatorAnswer.parse(JSON.parse(await readLine(socket)));
}
