import { mkdir, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SILENT_LOG, useMainLog, type MainLog } from '../../../src-main/adapters/error-log';
import { createHttpClient } from '../../../src-main/adapters/http-client';
import { createLicenseStore } from '../../../src-main/adapters/license-store';
import { CONFIG_FILE, loadConfig } from '../../../src-main/config/load-config';
import { createEmbeddedServer } from '../../../src-main/electron/embedded-server';
import { createStatusEvents, type AgentStatus } from '../../../src-main/services/status-events';
import { useTempDirs } from '../support-temp-dir';

// Errors that used to be caught and dropped: each is now a typed result or a line in the main log.

const tempDir = useTempDirs();

/** A main log that keeps what it was told, to see that a caught error was recorded. */
const recordingLog = (): MainLog & { readonly lines: string[] } => {
  const lines: string[] = [];
  return {
    lines,
    error: (_details, message) => lines.push(`error ${message}`),
    warn: (_details, message) => lines.push(`warn ${message}`),
  };
};

afterEach(() => useMainLog(SILENT_LOG));

describe('caught errors are handled, not dropped', () => {
  it('a state file that exists but cannot be read is STORE_UNREADABLE, not an empty store a write would replace', async () => {
    const dir = await tempDir();
    const store = createLicenseStore(dir);
    await mkdir(store.path);
    const loaded = await store.load();
    expect(loaded.ok ? 'empty store' : loaded.error.code).toBe('STORE_UNREADABLE');
    expect(await readdir(store.path)).toEqual([]);
  });

  it('a config.json that cannot be read is refused with a sentence, not taken for "no server saved"', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, CONFIG_FILE));
    const config = await loadConfig({ dataDir: dir }, {});
    expect(config.ok ? 'no settings' : config.error.message).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('the main log hears when the status pushed to the window could not be computed', async () => {
    const log = recordingLog();
    useMainLog(log);
    const events = createStatusEvents();
    events.setProducer(() => Promise.reject(new Error('keychain locked')));
    events.subscribe((_status: AgentStatus) => undefined);
    events.changed();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.lines).toEqual(['error The status could not be computed for the window']);
  });

  it('the embedded server failing to create the local owner is logged and SERVER_UNAVAILABLE', async () => {
    const log = recordingLog();
    const embedded = createEmbeddedServer(
      async () => ({
        url: 'http://127.0.0.1:1',
        close: async () => undefined,
        localOwnerKey: () => Promise.reject(new Error('database is locked')),
      }),
      await tempDir(),
      log,
    );
    await embedded.ensureStarted();
    const key = await embedded.localOwnerKey();
    expect(key.ok ? 'a key' : key.error.code).toBe('SERVER_UNAVAILABLE');
    expect(log.lines).toEqual(['error The embedded license server could not create the local owner']);
  });
});

describe('an answer cut off mid-body', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      response.write('{"value":');
      setImmediate(() => response.socket?.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is SERVER_UNAVAILABLE (try again), not "this agent does not understand; update Tessera"', async () => {
    const client = createHttpClient(base, {
      timeoutMs: 10_000,
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    const answer = await client.send({
      method: 'GET',
      path: '/cut',
      schema: z.object({ value: z.number() }),
    });
    expect(answer.ok ? 'ok' : answer.error.code).toBe('SERVER_UNAVAILABLE');
  });
});
