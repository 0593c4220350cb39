import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedServer, type StartServer } from '../../../src-main/electron/embedded-server';
import { createDesktopAgent } from '../../../src-main/services/desktop-agent';
import { loadConfig } from '../../../src-server/config';
import { startServer } from '../../../src-server/server';
import { localOwnerKey } from '../../../src-server/services/local-owner';
import { valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

/** The desktop app's embedded server, composed as src-main/electron/desktop-deps.ts does (minus Electron). */
const startEmbedded: StartServer = async (options) => {
  const server = await startServer(loadConfig({}, { ...options, logLevel: 'silent' }));
  return { url: server.url, close: () => server.close(), localOwnerKey: () => localOwnerKey(server.db) };
};

describe('embedded server in the desktop app', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it(
    'makes the person at this computer its owner in one click and goes on to status',
    { timeout: 120_000 },
    async () => {
      const appData = await tempDir();
      const embeddedServer = createEmbeddedServer(startEmbedded, appData);
      stops.push(() => embeddedServer.stop());
      const env = { TESSERA_SERVER_URL: '' };
      const agent = valueOf(
        await createDesktopAgent({
          dataDir: appData,
          env,
          account: `embedded-${randomUUID()}`,
          embeddedServer,
        }),
      );
      const chosen = valueOf(await agent.serverSetConfig({ mode: 'embedded' }));
      expect(chosen.config).toEqual({ mode: 'embedded' });
      expect(valueOf(await agent.keyHas({})).hasKey).toBe(true);
      const status = valueOf(await agent.licenseGetStatus({}));
      expect(status.serverMode).toBe('embedded');
      // Choosing it again keeps the same owner and key: nothing is created twice.
      valueOf(await agent.serverSetConfig({ mode: 'embedded' }));
      expect(valueOf(await agent.keyHas({})).hasKey).toBe(true);
      await agent.dispose();
    },
  );
});
