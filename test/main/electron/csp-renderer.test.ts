import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../../shared/contracts/ipc-dispatch';
import { ROOT } from '../../../src-main/electron/bundle-main';
import { contentSecurityPolicy } from '../../../src-main/electron/csp';
import { createDesktopAgent, type RunningAgent } from '../../../src-main/services/desktop-agent';

// The real built renderer, served with exactly the header main adds (session-security.ts), in
// Chromium, with window.agent bound to the real agent: the strict CSP must not break the UI.
const scratch = mkdtempSync(join(tmpdir(), 'tessera-csp-'));
const outDir = join(scratch, 'renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};
let server: Server;
let browser: Browser;
let agent: RunningAgent;
let origin: string;
let nodeEnvBefore: string | undefined;
let nodeEnvAfter: string | undefined;

const bridgeScript = async (): Promise<string> => {
  const entry = `import { buildAgentBridge } from './shared/contracts/ipc-bridge';
    window.agent = buildAgentBridge({ invoke: (c, p) => window.__invoke(c, p), on() {}, removeListener() {} });
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber));`;
  const out = await esbuild({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  return out.outputFiles[0]?.text ?? '';
};

beforeAll(async () => {
  nodeEnvBefore = process.env.NODE_ENV;
  await viteBuild({
    configFile: join(ROOT, 'src-renderer/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  nodeEnvAfter = process.env.NODE_ENV;
  server = createServer((request, response) => {
    const path = normalize(join(outDir, new URL(request.url ?? '/', 'http://x').pathname));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(outDir) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(),
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const created = await createDesktopAgent({
    dataDir: join(scratch, 'home'),
    env: { ...process.env, TESSERA_SERVER_URL: '' },
  });
  if (!created.ok) throw new Error(created.error.message);
  agent = created.value;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await agent?.dispose();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

describe('the CSP against the real renderer', () => {
  it('builds in this worker without leaving NODE_ENV=production behind for the tests after it', () => {
    expect(nodeEnvBefore).toBe('test');
    expect(nodeEnvAfter).toBe(nodeEnvBefore);
  });

  it('renders the first-run screen with no Content-Security-Policy violation', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.exposeBinding('__invoke', (_source, channel: unknown, payload: unknown) =>
      dispatchIpc(agent, channel, payload),
    );
    await page.addInitScript({ content: await bridgeScript() });
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(
      () => (document.getElementById('root')?.textContent ?? '').trim().length > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForLoadState('networkidle');
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    // zod 4 probes `new Function('')` once inside a try/catch and falls back when it is blocked: that
    // report shows eval IS blocked. Anything else blocked (scripts, styles, fonts, images) would fail here.
    expect(violations.filter((violation) => !violation.startsWith('script-src eval '))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
