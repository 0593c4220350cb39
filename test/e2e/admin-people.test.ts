import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOffline } from '../server/api';
import { call } from '../server/helpers';
import { fakeMachine } from '../support/machines';
import { recordingKeyHandover, type RecordingKeyHandover } from '../support/recording-key-handover';
import { signedInE2eAgent } from './support/e2e-agent';
import { openApp, seriousA11yViolations } from './support/e2e-app';
import { useE2eWorld } from './support/e2e-world';

// The admin console's people flows in the built renderer against the real server: live sessions
// force-released per user and per machine, member management with each new key handed to the admin
// by main (a recording stand-in for the desktop app's key window), offline re-download, and member pickers that search the server.

/** Each flow opens the app and walks several screens; a loaded 2-core machine needs minutes, not seconds. */
const FLOW_TIMEOUT = 360_000;
const HANDED_OVER = 'The new key was shown in a separate window; it is not kept anywhere.';
const world = useE2eWorld([
  { productId: 'kse', kind: 'per-user', quota: 3 },
  { productId: 'kre', kind: 'session', quota: 5 },
]);

/** Opens the admin console as the organization's Admin, on `product` and `tab`; new keys go to `keyWindow`. */
const console_ = async (product: string, tab: string, keyWindow?: RecordingKeyHandover): Promise<Page> => {
  const page = await openApp(
    world.browser,
    world.site.url,
    await signedInE2eAgent(
      world.serverUrl,
      world.org.admin.apiKey,
      keyWindow ? { keyHandover: keyWindow } : {},
    ),
  );
  await page.getByRole('button', { name: 'Admin console' }).click();
  await page.getByRole('combobox', { name: 'Product' }).click();
  await page.getByRole('option', { name: product, exact: true }).click();
  await page.getByRole('tab', { name: tab }).click();
  return page;
};

/** A real agent of `apiKey` on its own machine, running a KRE session. */
const runningSession = async (apiKey: string, osUser: string): Promise<string> => {
  const agent = await signedInE2eAgent(world.serverUrl, apiKey, { osUser });
  const activated = await agent.licenseActivate({ productId: 'kre' });
  if (!activated.ok) throw new Error(activated.error.message);
  const started = await agent.sessionStart({ productId: 'kre' });
  if (!started.ok) throw new Error(started.error.message);
  const info = await agent.machineGetInfo({});
  if (!info.ok) throw new Error(info.error.message);
  return info.value.machineId;
};

describe('admin console people flows in the built renderer against the real server', () => {
  it(
    'R19 R21 lists live sessions and force-releases them per machine and per user',
    async () => {
      const { member, owner } = world.org;
      const memberMachine = await runningSession(member.apiKey, 'member-workstation');
      const ownerMachine = await runningSession(owner.apiKey, 'owner-workstation');
      const page = await console_('Katalon Runtime Engine', 'License Management');
      const sessions = page.getByRole('table', { name: 'Live sessions' });
      await sessions.getByText(memberMachine).waitFor();
      await sessions.getByText(ownerMachine).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: `Release every session on ${ownerMachine}` }).click();
      await sessions.getByText(ownerMachine).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `Release every session of ${member.email}` }).click();
      await sessions.getByText(memberMachine).waitFor({ state: 'detached' });
      await page.getByText('No session of this product is running.').waitFor();
      await page.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'R15 R23 adds a member (key handed over by main, never in the page), changes the role, reissues the key and removes them',
    async () => {
      const keyWindow = recordingKeyHandover();
      const page = await console_('Katalon Studio Enterprise', 'Members', keyWindow);
      const email = `grace-${Date.now()}@example.test`;
      await page.getByLabel('E-mail', { exact: true }).fill(email);
      await page.getByLabel('Name (for a new user)').fill('Grace Hopper');
      await page.getByRole('button', { name: 'Add member' }).click();
      const note = page.getByRole('status').filter({ hasText: `New API key for ${email}` });
      await note.getByText(HANDED_OVER).waitFor();
      expect(keyWindow.shown.map((k) => k.email)).toEqual([email]);
      const firstKey = keyWindow.shown[0]?.apiKey ?? '';
      expect(firstKey.length).toBeGreaterThan(20);
      expect(await page.content()).not.toContain(firstKey);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await note.getByRole('button', { name: 'Dismiss' }).click();
      await note.waitFor({ state: 'detached' });

      await page.getByLabel('Search by name or e-mail').fill('grace hop');
      const members = page.getByRole('table', { name: 'Members' });
      await members.getByText(email).waitFor();
      await expect.poll(() => members.locator('tbody tr').count()).toBe(1);

      await page.getByRole('combobox', { name: `Role of ${email}` }).click();
      await page.getByRole('option', { name: 'Admin', exact: true }).click();
      await page.getByText(`${email} is now admin.`).waitFor();

      await page.getByRole('button', { name: `Reissue the API key of ${email}` }).click();
      await note.getByText(HANDED_OVER).waitFor();
      expect(keyWindow.shown.map((k) => k.email)).toEqual([email, email]);
      const second = keyWindow.shown[1]?.apiKey ?? '';
      expect(second).not.toBe(firstKey);
      expect(await page.content()).not.toContain(second);
      expect((await call(world.server.app, 'GET', '/v1/me', { key: firstKey })).status).toBe(401);
      expect((await call(world.server.app, 'GET', '/v1/me', { key: second })).status).toBe(200);

      await page.getByRole('button', { name: `Remove ${email} from the organization` }).click();
      await page.getByText(`${email} was removed.`).waitFor();
      await members.getByText(email).waitFor({ state: 'detached' });
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'R8 downloads a stored offline license file again',
    async () => {
      const machineId = fakeMachine().machineId;
      const created = await createOffline(world.server.app, world.org.admin.apiKey, world.org.orgId, {
        productId: 'kse',
        machineId,
      });
      if (!created.ok) throw new Error(created.error.message);
      const page = await console_('Katalon Studio Enterprise', 'License Management');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Download ${created.value.fileName} again` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(created.value.fileName);
      expect(await readFile(await download.path(), 'utf8')).toBe(created.value.content);
      await page.mouse.move(0, 0); // axe judges the page at rest, not the hover colour of the button just clicked
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'R15 pickers and the audit user filter find a member by typing part of the name',
    async () => {
      const { member } = world.org;
      const page = await console_('Katalon Studio Enterprise', 'License Management');
      const grant = page.getByRole('combobox', { name: 'Grant a license to' });
      await grant.click();
      await grant.fill(member.email.slice(0, 10));
      await page.getByRole('option').filter({ hasText: member.email }).first().click();
      await page.getByRole('button', { name: 'Grant license' }).click();
      await page.getByRole('table', { name: 'Licensed users' }).getByText(member.email).waitFor();

      await page.getByRole('tab', { name: 'Audit log' }).click();
      expect(await page.getByLabel('Action').getAttribute('placeholder')).toBe('e.g. seat.granted');
      const user = page.getByRole('combobox', { name: 'User' });
      await user.click();
      await user.fill(member.email.slice(0, 10));
      await page.getByRole('option').filter({ hasText: member.email }).first().click();
      const audit = page.getByRole('table', { name: 'Audit log' });
      await audit.getByText('seat.granted').first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.close();
    },
    FLOW_TIMEOUT,
  );
});
