import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LICENSE_QUOTA_MESSAGE } from '../../shared/domain/quota';
import { createOrganization } from '../../src-server/services/provisioning';
import { seedSubscription } from '../support/seed';
import { signedInE2eAgent } from './support/e2e-agent';
import { openApp, screenshot, seriousA11yViolations } from './support/e2e-app';
import { useE2eWorld } from './support/e2e-world';

const world = useE2eWorld([{ productId: 'kse', kind: 'per-user', quota: 2 }]);

beforeAll(async () => {
  await createOrganization(world.server.ctx.db, {
    accountId: world.org.accountId,
    name: 'QA Team',
    parentId: world.org.orgId,
  });
  await seedSubscription(world.server.ctx, world.org.orgId, {
    productId: 'kre',
    kind: 'node-locked',
    quota: 2,
  });
  await seedSubscription(world.server.ctx, world.org.orgId, { productId: 'kre', kind: 'floating', quota: 3 });
});

/** Opens the admin console as the organization's Admin, on `product` and `tab`. */
const console_ = async (product: string, tab: string): Promise<Page> => {
  const page = await openApp(
    world.browser,
    world.site.url,
    await signedInE2eAgent(world.serverUrl, world.org.admin.apiKey),
  );
  await page.getByRole('button', { name: 'Admin console' }).click();
  await page.getByRole('combobox', { name: 'Product' }).click();
  await page.getByRole('option', { name: product, exact: true }).click();
  await page.getByRole('tab', { name: tab }).click();
  return page;
};

/** Picks the member whose e-mail is `email` in a labelled Select. */
const pickUser = async (page: Page, label: string, email: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option').filter({ hasText: email }).first().click();
};

const users = (page: Page) => page.getByRole('table', { name: 'Licensed users' });

describe('admin console in the built renderer against the real server', () => {
  it('R15 R17 R23 R24 grants to members, refuses past the quota with the seed sentence, transfers and removes', async () => {
    const page = await console_('Katalon Studio Enterprise', 'License Management');
    const { member, owner, admin } = world.org;
    for (const user of [member, owner]) {
      await pickUser(page, 'Grant a license to', user.email);
      await page.getByRole('button', { name: 'Grant license' }).click();
      await users(page).getByText(user.email).waitFor();
    }
    await pickUser(page, 'Grant a license to', admin.email);
    await page.getByRole('button', { name: 'Grant license' }).click();
    await page.getByRole('alert').filter({ hasText: LICENSE_QUOTA_MESSAGE }).waitFor();

    await pickUser(page, 'Transfer from', member.email);
    await pickUser(page, 'Transfer to', admin.email);
    await page.getByRole('button', { name: 'Transfer' }).click();
    await users(page).getByText(admin.email).waitFor();
    await users(page).getByText(member.email).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: `Remove license from ${owner.email}` }).click();
    await users(page).getByText(owner.email).waitFor({ state: 'detached' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-licensed-users');
    await page.close();
  });

  it('R16 R22 R23 lists an activated machine under Online Licenses and Registered Machines, and removes it', async () => {
    const agent = await signedInE2eAgent(world.serverUrl, world.org.admin.apiKey, {
      osUser: 'admin-workstation',
    });
    const activated = await agent.licenseActivate({ productId: 'kse' });
    if (!activated.ok) throw new Error(activated.error.message);
    const info = await agent.machineGetInfo({});
    if (!info.ok) throw new Error(info.error.message);
    const machineId = info.value.machineId;
    const page = await console_('Katalon Studio Enterprise', 'License Management');
    await page.getByRole('table', { name: 'Online licenses' }).getByText(machineId).waitFor();
    const machines = page.getByRole('table', { name: 'Registered machines' });
    await machines.getByText(machineId).waitFor();
    await page.getByRole('button', { name: `Remove machine ${machineId}` }).click();
    await machines.getByText(machineId).waitFor({ state: 'detached' });
    await page.getByText(`Machine ${machineId} removed.`).waitFor();
    await page.close();
  });

  it('R13 R14 shows dedicated / pool / assigned / available and dedicates to a sub-organization, refusing more than the pool', async () => {
    const page = await console_('Katalon Studio Enterprise', 'Organization');
    const row = page.locator('tr[data-org="QA Team"]');
    await row.waitFor();
    await row.getByLabel('Licenses dedicated to QA Team').fill('1');
    await row.getByRole('button', { name: 'Save dedication to QA Team' }).click();
    await page.getByText('Dedication saved.').waitFor();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('1');
    await row.getByLabel('Licenses dedicated to QA Team').fill('50');
    await row.getByRole('button', { name: 'Save dedication to QA Team' }).click();
    await page.getByRole('alert').filter({ hasText: 'The server refused' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-organization');
    await page.close();
  });

  it('shows the utilization chart with a readable summary', async () => {
    const page = await console_('Katalon Studio Enterprise', 'Utilization');
    await page.getByTestId('usage-summary').waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-utilization');
    await page.close();
  });

  it('filters the audit log and exports the same filter as CSV', async () => {
    const page = await console_('Katalon Studio Enterprise', 'Audit log');
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.locator('tbody tr').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect((await readFile(await download.path(), 'utf8')).split('\n').length).toBeGreaterThan(1);
    await page.getByText(/^Exported \d+ events\.$/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-audit');
    await page.close();
  });

  it('R29 previews then applies the KRE migration: 2 node-locked + 3 floating become 5 floating', async () => {
    const page = await console_('Katalon Runtime Engine', 'Migration');
    await page.getByRole('button', { name: 'Preview migration' }).click();
    const plan = page.getByTestId('migration-plan');
    await plan.getByText('Preview (nothing changed yet)').waitFor();
    await expect.poll(() => plan.textContent()).toContain('5 Floating');
    await page.getByRole('button', { name: 'Apply migration' }).click();
    await plan.getByText('Migration applied').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-migration');
    await page.close();
  });

  it('R15 a member never sees the admin console', async () => {
    const page = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.member.apiKey),
    );
    await page.getByRole('heading', { name: 'License status' }).waitFor();
    expect(await page.getByRole('button', { name: 'Admin console' }).count()).toBe(0);
    await page.close();
  });
});
