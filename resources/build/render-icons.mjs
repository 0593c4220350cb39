// Renders icon.svg to the PNGs electron-builder packs (icon.png 1024px for Windows/macOS, icons/NxN.png
// for Linux) with the Debian Chromium. Run: node resources/build/render-icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const here = new URL('.', import.meta.url);
const svg = readFileSync(new URL('icon.svg', here), 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox'],
});
const page = await browser.newPage();
const render = async (size, file) => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`)}</body>`,
  );
  await page.screenshot({ path: new URL(file, here).pathname, omitBackground: true });
};
await render(1024, 'icon.png');
mkdirSync(new URL('icons/', here), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) await render(size, `icons/${size}x${size}.png`);
await browser.close();
