// The renderer suite: builds it as `npm run build:renderer` does, records what the status screen loads
// (gzip) and the time to the first status render in Chromium with `window.agent` bound to a real agent.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildRendererRelease } from '../../scripts/build-renderer-release';
import { createAgentApi } from '../../src-main/services/agent-api';
import { createAgentDeps } from '../../src-main/services/create-agent-deps';
import { createSessionManager } from '../../src-main/services/session-service';
import { STATUS_ENTRY_GZIP_BUDGET } from '../../scripts/renderer-entry-budget';
import { bindAgent } from '../../test/e2e/support/agent-binding';
import { launchChromium } from '../../test/e2e/support/chromium';
import { serveDirectory } from '../../test/e2e/support/static-server';
import { createAgentFixture } from '../agent/agent-fixture';
import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';
import { median, percentile } from '../lib/stats';
import { measureBundles } from './bundle-sizes';

// Its own build folder: rebuilding dist/renderer would empty it under e2e tests running beside the bench.
const RENDERER = join(tmpdir(), `tessera-bench-renderer-${process.pid}`);

/** An agent that holds a KRE lease and is configured (server URL, per-process key): the status screen shows. */
async function statusAgent() {
  const fixture = await createAgentFixture();
  const env = {
    ...process.env,
    TESSERA_HOME: fixture.dataDir,
    TESSERA_TEST_TRUST_ROOTS: fixture.rootsPath,
    // Nothing listens there: the first render must not wait for the server.
    TESSERA_SERVER_URL: 'http://127.0.0.1:9',
  };
  const deps = await createAgentDeps({ dataDir: fixture.dataDir, env, apiKey: 'bench-not-a-key' });
  if (!deps.ok) throw new Error(deps.error.message);
  return createAgentApi(deps.value, createSessionManager(deps.value));
}

/** Sizes (gzip KB) and first-render times (ms from navigation start to the status heading). */
export async function benchRenderer(config: BenchConfig, figures: Figures): Promise<void> {
  await buildRendererRelease(RENDERER);
  const files = (await readdir(join(RENDERER, 'assets'))).map((f) => `assets/${f}`);
  const sizes = await measureBundles(RENDERER, files);
  figures.add('renderer.status-entry.js.gzip', sizes.entryJs / 1000, 'KB', {
    target: { op: '<=', value: STATUS_ENTRY_GZIP_BUDGET / 1000 },
    note: 'entry chunk + modulepreloads; the Vite build fails above the budget',
  });
  figures.add('renderer.status-entry.css.gzip', sizes.entryCss / 1000, 'KB');
  const lazyTotal = [...sizes.lazy.values()].reduce((a, b) => a + b, 0);
  figures.add('renderer.lazy-chunks.js.gzip', lazyTotal / 1000, 'KB', {
    note: `${sizes.lazy.size} chunks loaded on first use (admin console, setup, offline import, charts)`,
  });

  const agent = await statusAgent();
  const site = await serveDirectory(RENDERER);
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    const rounds = config.quick ? 3 : 15;
    for (let round = 0; round < rounds; round += 1) {
      const page = await browser.context.newPage();
      const unbind = await bindAgent(page, agent);
      try {
        await page.goto(site.url);
        const at = await page.waitForFunction(
          () => {
            const heading = [...document.querySelectorAll('h2')].find(
              (h) => h.textContent === 'License status',
            );
            return heading ? performance.now() : false;
          },
          undefined,
          { polling: 'raf', timeout: 60_000 },
        );
        times.push(Number(await at.jsonValue()));
      } finally {
        unbind();
        await page.close();
      }
    }
    // The first round also warms the disk cache; the figure is the median of the rounds.
    figures.add('renderer.first-status-render', median(times), 'ms', {
      note: `Chromium headless, built renderer over loopback, ${rounds} page loads, p95 ${percentile(times, 95).toFixed(0)} ms`,
    });
  } finally {
    await browser.close();
    await site.close();
  }
}
