import { describe, expect, it } from 'vitest';
import { signedInE2eAgent } from './support/e2e-agent';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import { activateProduct, openApp, screenshot, seriousA11yViolations } from './support/e2e-app';
import { useE2eWorld } from './support/e2e-world';

const world = useE2eWorld([
  { productId: 'kse', kind: 'per-user', quota: 2 },
  { productId: 'kre', kind: 'session', quota: 3, machineQuota: 10 },
]);

describe('accessibility of the built renderer', () => {
  it('is usable at 200% zoom: navigation folds behind a labelled button and nothing scrolls sideways', async () => {
    const page = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.admin.apiKey),
    );
    await page.setViewportSize({ width: 640, height: 430 }); // 1280×860 at 200%
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await page.getByRole('button', { name: 'Offline license' }).click();
    await page.getByRole('heading', { name: 'Import an offline license' }).waitFor();
    await page.getByRole('button', { name: 'Choose license file…' }).click({ trial: true }); // not covered by the menu
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'zoom-200');
    await page.close();
  });

  it('is keyboard navigable: Tab reaches the navigation and Enter opens a screen, with a visible focus ring', async () => {
    const page = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.member.apiKey),
    );
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'Setup'; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('Setup');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(ring).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Set up Tessera' }).waitFor();
    await page.close();
  });

  it('follows a dark OS theme and stays free of serious axe violations there, on a populated status page', async () => {
    const seat = await fetch(`${world.serverUrl}${HTTP_PATHS.seats(world.org.orgId)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.org.owner.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'kse', userId: world.org.admin.userId }),
    });
    expect(seat.ok).toBe(true);
    const page = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.admin.apiKey),
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByRole('heading', { name: 'License status' }).waitFor();
    expect(
      await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')),
    ).toBe('dark');
    for (const product of ['Katalon Studio Enterprise', 'Katalon Runtime Engine']) {
      await activateProduct(page, product);
      const card = page.getByRole('region', { name: product });
      await card.getByText('Active', { exact: true }).waitFor();
      await card.getByText(/\(subscription\)$/).waitFor();
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'status-dark');
    await page.getByRole('button', { name: 'Admin console' }).click();
    await page.getByRole('tab', { name: 'License Management' }).waitFor();
    await page.getByText('Subscribed Licenses').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-dark');
    await page.close();
  });
});
