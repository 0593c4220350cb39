// Which date is which, end to end: a real server signs the lease (with the subscription end) and the
// offline file; the agent's status and `tessera status` name each date for what it is.
import { describe, expect, it } from 'vitest';
import { formatProduct } from '../../../src-main/cli/format-status';
import { computeStatus } from '../../../src-main/services/status-service';
import { signedInAgent, useOnlineWorld, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const DAY = 86_400_000;
const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'session', quota: 2, machineQuota: 5 }]);

const subscriptionEnd = async () =>
  (
    await world.server.ctx.db
      .selectFrom('subscriptions')
      .select('ends_at')
      .where('org_id', '=', world.org.orgId)
      .executeTakeFirstOrThrow()
  ).ends_at.toISOString();

describe('license dates in the agent status', () => {
  it('shows the subscription end as "Licensed until" and the 7-day lease end as "Works offline until", never as expiry', async () => {
    const user = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const kre = valueOf(await user.api.licenseActivate({ productId: 'kre' }));
    const ends = await subscriptionEnd();
    expect(kre.subscriptionEndsAt).toBe(ends);
    expect(kre.expiresAt).toBe(ends);
    expect(Date.parse(kre.leaseEndsAt ?? '')).toBeLessThan(Date.now() + 8 * DAY);
    const text = formatProduct(kre);
    expect(text).toContain(`Licensed until ${ends.slice(0, 10)} (subscription)`);
    expect(text).toContain(
      `Works offline until ${(kre.leaseEndsAt ?? '').slice(0, 10)} (renewed automatically while online)`,
    );
    expect(text).not.toMatch(/days left/);
  });

  it('R5 after importing an offline file the status shows the file’s own end, and warns once when it is near (30/7/1)', async () => {
    const admin = await signedInAgent(await tempDir(), world.url, world.org.admin.apiKey);
    const user = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    valueOf(await user.api.licenseActivate({ productId: 'kre' }));
    const machine = valueOf(await user.api.machineGetInfo({}));
    const fileEnd = new Date(Date.now() + 20 * DAY).toISOString();
    const file = valueOf(
      await admin.api.adminCreateOfflineLicense({
        orgId: world.org.orgId,
        productId: 'kre',
        machineId: machine.machineId,
        expiresAt: fileEnd,
      }),
    );
    valueOf(await user.api.licenseImportOffline({ fileName: file.fileName, content: file.content }));
    const status = valueOf(await computeStatus(user.deps));
    const kre = status.products.find((p) => p.productId === 'kre');
    expect(kre).toMatchObject({
      source: 'lease',
      offlineFileEndsAt: fileEnd,
      subscriptionEndsAt: await subscriptionEnd(),
    });
    const text = formatProduct(
      valueOf(
        kre
          ? { ok: true as const, value: kre }
          : { ok: false as const, error: { code: 'NO_KRE', message: 'no kre' } },
      ),
    );
    expect(text).toContain(`Works offline until ${fileEnd.slice(0, 10)} (offline license file)`);
    const expiryLines = text.split('\n').filter((line) => /ends in/.test(line));
    expect(expiryLines).toEqual([
      `  warning: The offline license file ends in 20 days, on ${fileEnd.slice(0, 10)}.`,
    ]);
    expect(kre?.warnings.map((w) => w.code)).toContain('expiring-soon');
  });
});
