import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createKeytarSecretStore } from '../../../src-main/adapters/keytar-secret-store';

// Runs against the real Secret Service started by scripts/with-keychain.sh.
const hasSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe('keytar secret store', () => {
  it.runIf(hasSession)('stores, reads, replaces and deletes a secret in the real keychain', async () => {
    const store = createKeytarSecretStore(`http://127.0.0.1:${Math.floor(Math.random() * 60000)}`);
    const account = randomUUID();
    expect(await store.isAvailable()).toBe(true);
    expect(await store.get(account)).toEqual({ ok: true, value: null });
    expect((await store.set(account, 'tsk_first')).ok).toBe(true);
    expect((await store.set(account, 'tsk_second')).ok).toBe(true);
    expect(await store.get(account)).toEqual({ ok: true, value: 'tsk_second' });
    expect(await store.delete(account)).toEqual({ ok: true, value: true });
    expect(await store.get(account)).toEqual({ ok: true, value: null });
  });

  it.runIf(hasSession)('keeps keys of two servers apart', async () => {
    const a = createKeytarSecretStore('http://127.0.0.1:1');
    const b = createKeytarSecretStore('http://127.0.0.1:2');
    await a.set('same', 'key-a');
    await b.set('same', 'key-b');
    expect(await a.get('same')).toEqual({ ok: true, value: 'key-a' });
    await a.delete('same');
    await b.delete('same');
  });

  it('reports KEYCHAIN_UNAVAILABLE in plain words when there is no D-Bus session', () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/main/fixtures/keychain-probe.ts'], {
      env,
      encoding: 'utf8',
    });
    const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}');
    expect(parsed.available).toBe(false);
    expect(parsed.result.ok).toBe(false);
    expect(parsed.result.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(parsed.result.error.message).toMatch(/never stored in plain text/);
  });
});
