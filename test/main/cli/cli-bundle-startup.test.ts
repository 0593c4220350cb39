// What `tessera --help` has to compile before it answers: the bundle's entry and the chunks it imports
// statically (dynamic `import()` chunks load only when a command runs). The start-up figures themselves are
// `npm run bench -- --only startup` (BENCHMARKS.md "CLI start-up, round 4" and "round 6"); this test keeps the shape
// that makes them possible.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, ROOT } from '../support-bundle';

/** Static `import … from "./x"`, `import "./x"` and `export … from "./x"`; never `import("./x")`. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?"(\.{1,2}\/[^"]+)"/g;

/** Every file loaded before the entry's first line runs. */
const staticGraph = (entry: string): string[] => {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT))
      visit(resolve(dirname(file), match[1] ?? ''));
  };
  visit(entry);
  return [...seen];
};

/** Any copy of zod's core (every schema type derives from `$ZodType`). */
const isZod = (file: string): boolean => readFileSync(file, 'utf8').includes('"$ZodType"');

/** Classic zod (the HTTP contracts' and the server's): its schemas carry methods, so it never tree-shakes. */
const isClassicZod = (file: string): boolean => readFileSync(file, 'utf8').includes('"ZodString"');

/** The chunks a file loads with `import("./x")`, by name without esbuild's hash (e.g. `cli-services`). */
const dynamicTargets = (file: string): { name: string; path: string }[] =>
  [...readFileSync(file, 'utf8').matchAll(/\bimport\("(\.{1,2}\/[^"]+)"\)/g)].map((match) => {
    const path = resolve(dirname(file), match[1] ?? '');
    return { name: (path.split(/[\\/]/).pop() ?? '').replace(/-[A-Z0-9]{8}\.mjs$/, ''), path };
  });

const bundleChunks = (): string[] =>
  readdirSync(join(dirname(CLI_BUNDLE), 'chunks')).map((name) => join(dirname(CLI_BUNDLE), 'chunks', name));

/** Sentences only the HTTP transport (adapters/http-client.ts) and contracts (contracts/http/common.ts) carry. */
const HTTP_MARKS = ['The license server answer broke off', 'At most 16 component hashes.'];

beforeAll(() => {
  spawnSync(process.execPath, ['scripts/bundle.mjs', 'cli'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
}, 320_000);

describe('the bundled CLI starts without what only commands need', () => {
  it('`--help` and usage errors load no zod: the entry imports it nowhere statically', () => {
    const loaded = staticGraph(CLI_BUNDLE);
    expect(loaded.length).toBeGreaterThan(1); // commander's chunk at least
    expect(loaded.filter(isZod)).toEqual([]);
    // zod is bundled, and reached by the commands (a dynamic import): the check above looks at the right thing.
    // Two copies: classic for the HTTP contracts and the server, and the agent's tree-shaken `zod/mini`.
    expect(bundleChunks().filter(isZod)).toHaveLength(2);
  });

  it("bundles zod's English messages only (the other locales are half of zod's source)", () => {
    const copies = bundleChunks().filter(isZod);
    expect(copies.length).toBeGreaterThan(0);
    for (const zod of copies) {
      const text = readFileSync(zod, 'utf8');
      expect(text).toContain('Invalid input'); // en
      expect(text).not.toContain('zu haben'); // de
      expect(text).not.toContain('Ongeldige invoer'); // nl
    }
  });

  it("`status` loads the agent's zod/mini copy only: no classic zod, no JIT compiler, no JSON Schema generator", () => {
    // The agent's file schemas (state, config, env, license files, certificates, trust roots) are zod/mini;
    // one classic schema, or `import('zod/mini')` keeping its whole namespace, would bring ~150 KB back.
    const agent = dynamicTargets(CLI_BUNDLE).filter((t) => ['cli-services', 'zod-jitless'].includes(t.name));
    expect(agent).toHaveLength(2);
    const loaded = [...new Set([CLI_BUNDLE, ...agent.flatMap((t) => staticGraph(t.path))])];
    const zod = loaded.filter(isZod);
    expect(zod).toHaveLength(1);
    expect(loaded.filter(isClassicZod)).toEqual([]);
    const text = readFileSync(zod[0] ?? '', 'utf8');
    expect(text).not.toContain('ZodCompileUnsupportedError'); // the JIT compiler
    expect(text).not.toContain('Non-representable type'); // toJSONSchema
    // Classic is still bundled, for the server and the HTTP client: the checks above look at the right thing.
    expect(bundleChunks().filter(isClassicZod)).toHaveLength(1);
  });

  it('`status` reaches the agent through one lazy entry and loads no HTTP transport or contracts', () => {
    // Each `import()` is an entry of the code splitting; every set of entries sharing a module is one more
    // file for Node to resolve, read and compile (16 chunk files for `status` when the agent had five entries, 10 now).
    const targets = dynamicTargets(CLI_BUNDLE);
    const agent = targets.filter(
      // `zod`: classic, for the ZodError of `tessera server`'s configuration only.
      (t) => !['config', 'server', 'explain-error', 'open-operator-channel', 'zod'].includes(t.name),
    );
    expect([...new Set(agent.map((t) => t.name))].sort()).toEqual(['cli-services', 'zod-jitless']);
    const services = agent.find((t) => t.name === 'cli-services')?.path ?? '';
    const loaded = new Set([...staticGraph(CLI_BUNDLE), ...staticGraph(services)]);
    for (const mark of HTTP_MARKS) {
      const carriers = bundleChunks().filter((file) => readFileSync(file, 'utf8').includes(mark));
      expect(carriers).toHaveLength(1); // bundled: the check below looks at the right thing
      expect([...loaded].filter((file) => carriers.includes(file))).toEqual([]);
    }
  });

  it('`--help` and `status` load no child_process (only `run` spawns, and commander on first use)', () => {
    const services = dynamicTargets(CLI_BUNDLE).find((t) => t.name === 'cli-services')?.path ?? '';
    for (const file of new Set([...staticGraph(CLI_BUNDLE), ...staticGraph(services)])) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/from\s*"node:child_process"/);
      // Any other mention loads it when called: `run`'s `import()`, or commander's lazy spawn.
      for (const at of text.matchAll(/"node:child_process"/g))
        expect(text.slice(Math.max(0, at.index - 7), at.index + 30)).toMatch(
          /^(?:import\("node:child_process"\)|.{7}"node:child_process"\)\.spawn\()/s,
        );
    }
  });

  it('still answers `--help` and refuses an unknown command with exit 2', () => {
    const help = spawnSync(process.execPath, [CLI_BUNDLE, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: tessera');
    const wrong = spawnSync(process.execPath, [CLI_BUNDLE, 'no-such-command'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TESSERA_TIMEOUT_MS: 'not a number' },
    });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("unknown command 'no-such-command'");
  });
});
