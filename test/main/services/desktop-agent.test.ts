import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { createDesktopAgent } from '../../../src-main/services/desktop-agent';
import { useOnlineWorld, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'session', quota: 2 }]);

describe('createDesktopAgent', () => {
  it('starts with no server chosen, answers status from local state, and disposes cleanly', async () => {
    const agent = valueOf(
      await createDesktopAgent({ dataDir: await tempDir(), env: { ...process.env, TESSERA_SERVER_URL: '' } }),
    );
    const status = valueOf(await agent.licenseGetStatus({}));
    expect(status).toMatchObject({ serverMode: 'none', serverReachable: null, products: [] });
    expect(valueOf(await agent.serverGetConfig({}))).toEqual({ config: null, activeUrl: null });
    await agent.dispose();
  });

  it('uses the embedded server again on the next start when the user chose it', async () => {
    const dataDir = await tempDir();
    const embeddedServer = { ensureStarted: async () => ok(world.url) };
    const env = { ...process.env, TESSERA_SERVER_URL: '' };
    const first = valueOf(await createDesktopAgent({ dataDir, env, embeddedServer }));
    valueOf(await first.serverSetConfig({ mode: 'embedded' }));
    await first.dispose();
    const second = valueOf(await createDesktopAgent({ dataDir, env, embeddedServer }));
    expect(valueOf(await second.serverGetConfig({}))).toEqual({
      config: { mode: 'embedded' },
      activeUrl: world.url,
    });
    await second.dispose();
  });

  it('keeps the API key of the embedded server across restarts although its loopback port changes', async () => {
    const dataDir = await tempDir();
    const env = { ...process.env, TESSERA_SERVER_URL: '' };
    const account = `embedded-${Date.now()}`;
    const at = (url: string) => ({ ensureStarted: async () => ok(url) });
    const first = valueOf(await createDesktopAgent({ dataDir, env, account, embeddedServer: at(world.url) }));
    valueOf(await first.serverSetConfig({ mode: 'embedded' }));
    valueOf(await first.keySet({ serverUrl: world.url, apiKey: world.org.member.apiKey }));
    expect(valueOf(await first.serverGetConfig({})).config).toEqual({ mode: 'embedded' });
    await first.dispose();
    const movedPort = 'http://127.0.0.1:1';
    const second = valueOf(
      await createDesktopAgent({ dataDir, env, account, embeddedServer: at(movedPort) }),
    );
    expect(valueOf(await second.keyHas({}))).toEqual({ hasKey: true, serverUrl: movedPort });
    valueOf(await second.keyDelete({}));
    await second.dispose();
  });
});
