import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { importSigningKey } from '../../../shared/crypto/issuer-keys';
import type { signLicense } from '../../../shared/license-file/sign-license';
import type { createChainVerifier } from '../../../shared/trust/chain-verifier';
import type { SignedObject } from '../../../shared/trust/signed-object';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { makeIssuer, optionsFor, samplePayload, THIS_MACHINE, type TestIssuer } from './license-fixture';

const CHROMIUM = '/usr/bin/chromium';

/** The shared signer and verifier, bundled for the browser exactly as the renderer would bundle them. */
const bundleShared = async (): Promise<string> => {
  const entry = `
    export { verifyLicense } from './shared/license-file/verify-license';
    export { signLicense } from './shared/license-file/sign-license';
    export { importSigningKey } from './shared/crypto/issuer-keys';
    export { createChainVerifier } from './shared/trust/chain-verifier';`;
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const out = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  return out.outputFiles[0]?.text ?? '';
};

const PAGE = `<!doctype html><title>shared in Chromium</title>
<script type="module">import * as shared from '/shared.js'; globalThis.shared = shared;</script>`;

/** What the page exposes: the bundled shared functions. */
interface SharedInPage {
  shared: {
    verifyLicense: typeof verifyLicense;
    signLicense: typeof signLicense;
    importSigningKey: typeof importSigningKey;
    createChainVerifier: typeof createChainVerifier;
  };
}

let server: Server;
let browser: Browser;
let page: Page;
let issuer: TestIssuer;

describe.runIf(existsSync(CHROMIUM))('license files in Chromium WebCrypto', () => {
  beforeAll(async () => {
    const script = await bundleShared();
    server = createServer((request, response) => {
      const isScript = request.url === '/shared.js';
      response.setHeader('content-type', isScript ? 'text/javascript' : 'text/html');
      response.end(isScript ? script : PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'shared' in globalThis);
    issuer = await makeIssuer();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('R7 verifies a Node-signed file with the same shared code and refuses it once changed', async () => {
    const file = await issuer.sign(samplePayload());
    const at = file.indexOf('\n') + 8;
    const tampered = file.slice(0, at) + (file[at] === 'A' ? 'B' : 'A') + file.slice(at + 1);
    const codes = await page.evaluate(
      async ({ texts, root, machineId, now }) => {
        const { shared } = globalThis as unknown as SharedInPage;
        const chain = shared.createChainVerifier(crypto.subtle, new Map([[root.kid, root]]));
        const results = await Promise.all(
          texts.map((text) => shared.verifyLicense(chain, text, { expectedMachineId: machineId, now })),
        );
        return results.map((r) => (r.ok ? 'OK' : r.error.code));
      },
      {
        texts: [file, tampered],
        root: issuer.root.trusted,
        machineId: THIS_MACHINE,
        now: optionsFor(issuer).now,
      },
    );
    expect(codes[0]).toBe('OK');
    expect(codes[1]).toMatch(/^(MALFORMED|BAD_SIGNATURE|UNTRUSTED_ISSUER|UNSUPPORTED_ALG)$/);
  });

  it('signs in Chromium a file that Node verifies byte for byte', async () => {
    const payload = samplePayload({ kind: 'lease' });
    const signed = await page.evaluate(
      async ({
        pkcs8,
        kid,
        payload: p,
        cert,
      }: {
        pkcs8: string;
        kid: string;
        payload: typeof payload;
        cert: SignedObject;
      }) => {
        const { shared } = globalThis as unknown as SharedInPage;
        const key = await shared.importSigningKey(crypto.subtle, pkcs8);
        return shared.signLicense(crypto.subtle, key, kid, p, cert);
      },
      { pkcs8: issuer.privateKeyPkcs8Base64, kid: issuer.kid, payload, cert: issuer.cert },
    );
    expect(signed).toBe(await issuer.sign(payload));
    expect(await verifyLicense(issuer.chain, signed, optionsFor(issuer))).toMatchObject({
      ok: true,
      value: { payload },
    });
  });
});
