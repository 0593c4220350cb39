import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildMain, ROOT } from '../../../src-main/electron/bundle-main';
import { IPC_CHANNELS, ipcContract, type IpcChannel } from '../../../shared/contracts/ipc';
import { isErrorCode } from '../../../shared/error-codes';

// The built dist/main/main.js, run by plain Node with only `electron` stood in (fixtures/): the real
// composition, the real agent (hardware probe, store in a fresh data folder) and the real handlers.
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const scratch = mkdtempSync(join(ROOT, '.tmp', 'bundle-smoke-'));
const report = z.object({
  windows: z.array(z.record(z.string(), z.unknown())),
  csp: z.string(),
  handlerCount: z.number(),
  embedded: z.object({ answer: z.unknown(), health: z.number() }),
  calls: z.record(
    z.string(),
    z.object({
      ok: z.boolean(),
      value: z.unknown().optional(),
      error: z.object({ code: z.string() }).optional(),
    }),
  ),
});
let run: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  await buildMain(ROOT, join(scratch, 'main'));
  run = spawnSync(
    process.execPath,
    [
      '--import',
      join(import.meta.dirname, 'fixtures', 'register-electron-stub.mjs'),
      join(scratch, 'main', 'main.js'),
    ],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        TESSERA_HOME: join(scratch, 'home'),
        TESSERA_SERVER_URL: '',
      },
    },
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the built main bundle', () => {
  it('starts, opens one sandboxed window, serves the contract from it and quits cleanly', () => {
    expect(run.status, String(run.stderr)).toBe(0);
    const lines = String(run.stdout).trim().split('\n');
    const result = report.parse(JSON.parse(lines[lines.length - 1] ?? '{}'));
    expect(result.windows).toEqual([
      expect.objectContaining({ sandbox: true, contextIsolation: true, nodeIntegration: false }),
    ]);
    expect(result.csp).toContain("default-src 'none'");
    expect(result.handlerCount).toBe(IPC_CHANNELS.length);
    expect(result.calls['machine:get-info']).toMatchObject({
      ok: true,
      value: { machineId: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) },
    });
    expect(result.calls.badPayload).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(result.calls.stranger).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('answers with values that match the contract’s response schemas, or refusals with known codes', () => {
    const lines = String(run.stdout).trim().split('\n');
    const result = report.parse(JSON.parse(lines[lines.length - 1] ?? '{}'));
    const answered = Object.entries(result.calls).filter(([channel]) => channel.includes(':'));
    expect(answered.length).toBe(5);
    for (const [channel, answer] of answered) {
      if (answer.ok) {
        const parsed = ipcContract[channel as IpcChannel].response.safeParse(answer.value);
        expect(parsed.success, `${channel}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      } else {
        expect(isErrorCode(answer.error?.code), `${channel}: ${JSON.stringify(answer)}`).toBe(true);
      }
    }
    expect(result.calls['license:get-status']?.ok).toBe(true);
  });

  it('starts the embedded license server on loopback in the data folder when the user chooses it', () => {
    const lines = String(run.stdout).trim().split('\n');
    const result = report.parse(JSON.parse(lines[lines.length - 1] ?? '{}'));
    expect(result.embedded.answer).toMatchObject({
      ok: true,
      value: {
        config: { mode: 'embedded' },
        activeUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      },
    });
    expect(result.embedded.health).toBe(200);
    expect(existsSync(join(scratch, 'home', 'server'))).toBe(true);
  });
});
