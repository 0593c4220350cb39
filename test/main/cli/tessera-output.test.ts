import { describe, expect, it } from 'vitest';
import { useOnlineWorld } from '../support-online';
import { runTessera } from '../support-cli';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'session', quota: 2, machineQuota: 5 }]);

describe('tessera output says what happened', () => {
  it('status --product P --json shows only P; deactivate says it succeeded', async () => {
    const env = {
      TESSERA_HOME: await tempDir(),
      TESSERA_SERVER_URL: world.url,
      TESSERA_API_KEY: world.org.member.apiKey,
    };
    expect((await runTessera(['activate', 'kre'], env)).code).toBe(0);
    const status = await runTessera(['status', '--product', 'kse', '--json'], env);
    expect(status.code).toBe(3);
    const products = (JSON.parse(status.stdout) as { products: { productId: string }[] }).products;
    expect(products.map((p) => p.productId)).toEqual(['kse']);

    const deactivate = await runTessera(['deactivate', 'kre'], env);
    expect(deactivate.code).toBe(0);
    expect(deactivate.stdout).toContain('Deactivated kre');
    expect(deactivate.stdout).not.toMatch(/may NOT run/);
  });
});
