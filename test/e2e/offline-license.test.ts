import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signedInE2eAgent } from './support/e2e-agent';
import { openApp, screenshot, seriousA11yViolations } from './support/e2e-app';
import { useE2eWorld } from './support/e2e-world';

const world = useE2eWorld([{ productId: 'kse', kind: 'per-user', quota: 3 }]);

/** Picks an option of a labelled Mantine Select. */
const pick = async (page: Page, label: string, option: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

/** Imports `content` as `fileName` through the Offline license screen's file picker. */
const importFile = async (page: Page, fileName: string, content: string) => {
  await page.getByRole('button', { name: 'Offline license' }).click();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(content) });
};

describe('offline licenses from the admin console to the user, in the built renderer against the real server', () => {
  it('R8 R5 an admin creates KSE_<machineID>.lic from the typed machine ID; the user imports it and it verifies', async () => {
    const memberAgent = await signedInE2eAgent(world.serverUrl, world.org.member.apiKey);
    const info = await memberAgent.machineGetInfo({});
    if (!info.ok) throw new Error(info.error.message);
    const machineId = info.value.machineId;

    const admin = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.admin.apiKey),
    );
    await admin.getByRole('button', { name: 'Admin console' }).click();
    await pick(admin, 'Product', 'Katalon Studio Enterprise');
    const idField = admin.getByLabel("User's machine ID");
    await idField.fill(machineId.slice(0, -1) + (machineId.endsWith('0') ? '1' : '0'));
    await admin.getByText(/contains a typo/).waitFor();
    expect(await admin.getByRole('button', { name: 'Create and save .lic' }).isDisabled()).toBe(true);
    await idField.fill(machineId.toLowerCase());
    await admin.getByText(`Reads as ${machineId}`).waitFor();
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Create and save .lic' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`KSE_${machineId}.lic`);
    const content = await readFile(await download.path(), 'utf8');
    await admin.getByText(`Saved KSE_${machineId}.lic`, { exact: false }).waitFor();
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-license-management');
    await admin.close();

    const user = await openApp(world.browser, world.site.url, memberAgent);
    await importFile(user, download.suggestedFilename(), content);
    await user.getByText('Katalon Studio Enterprise is licensed on this machine').waitFor();
    expect(await seriousA11yViolations(user)).toEqual([]);
    await screenshot(user, 'offline-import');
    await user.getByRole('button', { name: 'Status' }).click();
    const card = user.getByRole('region', { name: 'Katalon Studio Enterprise' });
    await card.getByText(/\(offline license file\)$/).waitFor();
    await user.close();
  });

  it('R7 a file changed after signing is refused, with the reason and what to do', async () => {
    const agent = await signedInE2eAgent(world.serverUrl, world.org.owner.apiKey);
    const info = await agent.machineGetInfo({});
    if (!info.ok) throw new Error(info.error.message);
    const created = await agent.adminCreateOfflineLicense({
      orgId: world.org.orgId,
      productId: 'kse',
      machineId: info.value.machineId,
    });
    if (!created.ok) throw new Error(created.error.message);
    const lines = created.value.content.split('\n');
    const body = lines[1] ?? '';
    lines[1] = body.slice(0, 20) + (body[20] === 'A' ? 'B' : 'A') + body.slice(21);
    const page = await openApp(world.browser, world.site.url, agent);
    await importFile(page, created.value.fileName, lines.join('\n'));
    const refusal = page.getByRole('alert').filter({ hasText: 'The license file was refused' });
    await refusal.waitFor();
    await expect.poll(() => refusal.textContent()).toMatch(/\((BAD_SIGNATURE|MALFORMED|INVALID_FIELDS)\)/);
    await screenshot(page, 'offline-import-refused');
    await page.close();
  });

  it('R8 R5 a license made for another machine is refused as WRONG_MACHINE', async () => {
    const owner = await signedInE2eAgent(world.serverUrl, world.org.owner.apiKey, { osUser: 'someone-else' });
    const other = await owner.machineGetInfo({});
    if (!other.ok) throw new Error(other.error.message);
    const created = await owner.adminCreateOfflineLicense({
      orgId: world.org.orgId,
      productId: 'kse',
      machineId: other.value.machineId,
    });
    if (!created.ok) throw new Error(created.error.message);
    const page = await openApp(
      world.browser,
      world.site.url,
      await signedInE2eAgent(world.serverUrl, world.org.member.apiKey),
    );
    await importFile(page, created.value.fileName, created.value.content);
    const refusal = page.getByRole('alert').filter({ hasText: 'The license file was refused' });
    await refusal.waitFor();
    await expect.poll(() => refusal.textContent()).toContain('WRONG_MACHINE');
    await page.getByText(/made for another machine ID/).waitFor();
    await page.close();
  });
});
