import { describe, expect, it } from 'vitest';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import { createE2eAgent, signedInE2eAgent } from './support/e2e-agent';
import { activateProduct, openApp, screenshot, seriousA11yViolations } from './support/e2e-app';
import { useE2eWorld } from './support/e2e-world';

const world = useE2eWorld([
  { productId: 'kse', kind: 'per-user', quota: 2 },
  { productId: 'kre', kind: 'session', quota: 1, machineQuota: 5 },
]);

/** Grants a KSE seat the way an admin's console would, straight over HTTP (the admin flow tests the UI path). */
const grantSeat = async (userId: string) => {
  const answer = await fetch(`${world.serverUrl}${HTTP_PATHS.seats(world.org.orgId)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.org.owner.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ productId: 'kse', userId }),
  });
  expect(answer.ok).toBe(true);
};

describe('a user activates online in the built renderer, bound to the real agent and server', () => {
  it('first run: chooses the server, stores the API key masked, shows the machine ID (R11, R12)', async () => {
    const page = await openApp(world.browser, world.site.url, await createE2eAgent());
    await page.getByRole('heading', { name: 'Set up Tessera' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Server URL').fill(world.serverUrl);
    await page.getByRole('button', { name: 'Use this server' }).click();
    await page.getByText(`Connected to ${world.serverUrl}`).waitFor();
    const keyField = page.locator('input[type=password]');
    expect(await keyField.getAttribute('type')).toBe('password');
    await keyField.fill(world.org.member.apiKey);
    await page.getByRole('button', { name: 'Save API key' }).click();
    await page.getByText("An API key is stored in this computer's keychain.").waitFor();
    expect(await keyField.inputValue()).toBe('');
    const machineId = await page.getByTestId('machine-id').first().textContent();
    expect(machineId).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await page.content()).not.toContain(world.org.member.apiKey);
    await screenshot(page, 'setup');
    await page.close();
  });

  it('R15 R19 a member without a seat is refused with the server sentence, then activates once granted', async () => {
    const page = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.member.apiKey),
    );
    await page.getByRole('heading', { name: 'License status' }).waitFor();
    await activateProduct(page, 'Katalon Studio Enterprise');
    const refusal = page.getByRole('alert').filter({ hasText: 'Activation refused' });
    await refusal.waitFor();
    await expect
      .poll(() => refusal.textContent())
      .toMatch(/\((NOT_LICENSED|LICENSE_QUOTA_EXCEEDED|FORBIDDEN_ROLE)\)/);
    await grantSeat(world.org.member.userId);
    await activateProduct(page, 'Katalon Studio Enterprise');
    const card = page.getByRole('region', { name: 'Katalon Studio Enterprise' });
    await card.getByText('Active', { exact: true }).waitFor();
    await expect.poll(() => card.textContent()).toContain('Online lease');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'status');
    await page.getByRole('button', { name: 'Deactivate Katalon Studio Enterprise' }).click();
    await expect
      .poll(
        async () =>
          (await card.count()) === 0 || (await card.getByText('Not activated', { exact: true }).count()) > 0,
      )
      .toBe(true);
    await page.close();
  });

  it('R19 refuses a per-User activation on a container and says why', async () => {
    await grantSeat(world.org.admin.userId);
    const agent = await signedInE2eAgent(world.serverUrl, world.org.admin.apiKey, {
      realVirtualization: true,
    });
    const page = await openApp(world.browser, world.site.url, agent);
    await activateProduct(page, 'Katalon Studio Enterprise');
    await page.getByRole('alert').filter({ hasText: 'FIXED_MACHINE_REQUIRED' }).waitFor();
    await page.close();
  });

  it('R22 KRE: the only license is reserved by one machine; a second machine meets the quota refusal', async () => {
    const first = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.member.apiKey),
    );
    await activateProduct(first, 'Katalon Runtime Engine');
    await first
      .getByRole('region', { name: 'Katalon Runtime Engine' })
      .getByText('Active', { exact: true })
      .waitFor();
    const second = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.owner.apiKey, { osUser: 'another-user' }),
    );
    await activateProduct(second, 'Katalon Runtime Engine');
    const refusal = second.getByRole('alert').filter({ hasText: 'Activation refused' });
    await refusal.waitFor();
    await expect.poll(() => refusal.textContent()).toContain('LICENSE_QUOTA_EXCEEDED');
    await screenshot(second, 'status-refusal');
    await first.close();
    await second.close();
  });
});
