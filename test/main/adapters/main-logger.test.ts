import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMainLogger, LOG_FILE } from '../../../src-main/adapters/main-logger';
import { dispatchIpc } from '../../../shared/contracts/ipc-dispatch';
import type { AgentApi } from '../../../shared/contracts/ipc';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const KEY = 'tsk_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstu';

describe('main-process log (pino file in the data folder)', () => {
  it('never writes an API key it was given, in fields, messages or errors', async () => {
    const dir = await tempDir();
    const log = createMainLogger(dir, { sync: true });
    log.info({ apiKey: KEY, request: { headers: { authorization: `Bearer ${KEY}` } } }, 'key set');
    log.warn(`login with ${KEY} refused`);
    log.error({ err: new Error(`server said no to ${KEY}`) }, 'activation failed');
    const text = readFileSync(join(dir, LOG_FILE), 'utf8');
    expect(text).toContain('activation failed');
    expect(text).not.toContain(KEY.slice(4));
  });

  it('rotates the file once it has grown past its size limit', async () => {
    const dir = await tempDir();
    createMainLogger(dir, { sync: true }).info('first run');
    writeFileSync(join(dir, LOG_FILE), 'x'.repeat(2048), { flag: 'a' });
    createMainLogger(dir, { sync: true, maxBytes: 1024 }).info('second run');
    expect(existsSync(join(dir, `${LOG_FILE}.1`))).toBe(true);
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).toContain('second run');
  });

  it('ipc-dispatch reports what it turns into INTERNAL to the injected logger, without the payload', async () => {
    const dir = await tempDir();
    const log = createMainLogger(dir, { sync: true });
    const api = {
      keySet: () => Promise.reject(new Error('keychain exploded')),
    } as unknown as AgentApi;
    const result = await dispatchIpc(
      api,
      'key:set',
      { serverUrl: 'http://127.0.0.1:1', apiKey: KEY },
      (event) => log.error({ err: event.error, channel: event.channel }, 'IPC call failed'),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const text = readFileSync(join(dir, LOG_FILE), 'utf8');
    expect(text).toContain('keychain exploded');
    expect(text).toContain('key:set');
    expect(text).not.toContain(KEY.slice(4));
  });
});
