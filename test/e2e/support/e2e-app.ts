// Opens the built renderer in Chromium with `window.agent` bound to a real agent, and checks each screen with axe.
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { AgentBridge } from '../../../shared/contracts/ipc';
import { bindAgent } from './agent-binding';
import type { E2eBrowser } from './chromium';

const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** Loads the app in a new tab, bound to `agent`, and waits until the first screen is up. */
export async function openApp(browser: E2eBrowser, appUrl: string, agent: AgentBridge): Promise<Page> {
  const page = await browser.context.newPage();
  const unbind = await bindAgent(page, agent);
  // An uncaught error blanks a React app; print it so a failing flow says why.
  page.on('pageerror', (error) => console.error(`[renderer] ${error.message}`));
  page.once('close', unbind);
  await page.goto(appUrl);
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  return page;
}

/** Serious or critical axe-core violations on the page as it is now, as readable lines (empty when clean). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
}

/** Saves a full-page screenshot under docs/screenshots/ for the UI documentation. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Clicks "Activate <product> online": on the product's own card if it has one, else through "Activate a product". */
export async function activateProduct(page: Page, productName: string): Promise<void> {
  const button = page.getByRole('button', { name: `Activate ${productName} online` });
  if (!(await button.isVisible())) {
    await page
      .getByRole('region', { name: 'Activate a product' })
      .getByRole('combobox', { name: 'Product' })
      .click();
    await page.getByRole('option', { name: productName, exact: true }).click();
  }
  await button.click();
}
