#!/usr/bin/env node
// Builds what users run, with no TypeScript tooling at run time: `node scripts/bundle.mjs [target…] [--force]`;
// `node scripts/bundle.mjs --run <target> [args…]` builds it when stale, then runs it IN THIS PROCESS (the
// npm scripts `tessera`, `server`, `start`), so signals from the shell or from a CI cancel reach it directly.
// Targets: cli (dist/cli/tessera.mjs + resources/*.json beside it), server (dist/server/tessera-server.mjs),
// launch (dist/launch.mjs, the `npm start` launcher), desktop (Electron main/preload and renderer, through
// `npm run build:main` / `build:renderer`). Plain JavaScript on purpose: `npm run tessera` pays only
// a few stat() calls when every output is newer than every input, and loads esbuild only to rebuild.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// ESM output still meets CommonJS-only code paths in some dependencies; give them `require`.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// Native modules and packages that find their own files next to them (PGlite's wasm and data,
// Fastify's swagger-ui static files, pino's worker transports) stay in node_modules.
const RUNTIME_PACKAGES = ['keytar', 'pg-native', 'electron', '@electric-sql/pglite', 'kysely-pglite'];

/**
 * CLI start-up (BENCHMARKS.md "CLI start-up, round 4"): `import { z } from 'zod'` keeps zod's whole namespace,
 * so esbuild would bundle its 60+ message locales (half of zod's source) that nothing here selects; the
 * bundle gets English only, the locale zod configures by default. `z.locales` then lists `en` alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-en' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * CLI start-up: the agent's file schemas use `zod/mini` (BENCHMARKS.md "CLI start-up, round 6"), but the
 * classic `zod` of the HTTP contracts and the server shares zod's core files with it, and a chunk shared by
 * both carries every core part classic needs (~150 KB that `status` would compile). `zod/mini` and the core
 * and English messages it reaches get their own copy here, tree-shaken to what the agent uses. The copies
 * share zod's global config and registry (zod keeps both on `globalThis` for this) and recognise each
 * other's schemas by trait, so a classic contract may still embed a shared mini schema.
 */
const zodMiniOwnCopy = {
  name: 'zod-mini-own-copy',
  setup(build) {
    const namespace = 'zod-mini';
    build.onResolve({ filter: /^zod\/mini$/ }, async (args) => {
      if (args.pluginData === namespace) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: namespace,
      });
      return resolved.errors.length > 0
        ? { errors: resolved.errors }
        : { path: resolved.path, namespace, sideEffects: false };
    });
    // Relative imports inside the copy (the English wrapper's too) stay in it.
    const inCopy = (args) => {
      const path = join(dirname(args.importer), args.path);
      // English messages only, as zodEnglishOnly does for the shared copy.
      if (/[\\/]locales[\\/]index\.js$/.test(path))
        return { path: join(dirname(path), 'en.js'), namespace: `${namespace}-en`, sideEffects: false };
      return { path, namespace, sideEffects: false };
    };
    build.onResolve({ filter: /^\./, namespace }, inCopy);
    build.onResolve({ filter: /^\./, namespace: `${namespace}-en` }, inCopy);
    build.onLoad({ filter: /.*/, namespace: `${namespace}-en` }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(`./${args.path.split(/[\\/]/).pop()}`)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /.*/, namespace }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * CLI start-up: commander requires `child_process` at import (for executable subcommands, which `tessera`
 * has none of), and Node then loads it and the stream and socket modules behind it, ~0.1× of `node -e 0`
 * for every command. The bundled commander gets it on first use instead; the build fails if commander's
 * line changed, so an upgrade is looked at rather than silently losing the gain.
 */
const commanderLazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) {
        return { errors: [{ text: `commander changed: "${eager}" not found in ${args.path}` }] };
      }
      const lazy =
        "const childProcess = { spawn: (...spawnArgs) => require('node:child_process').spawn(...spawnArgs) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/** esbuild options shared by the Node bundles: ESM for Node 20.19+, test hooks compiled out. */
const nodeBundle = (entry, outfile, external) => ({
  entryPoints: [join(ROOT, entry)],
  outfile: join(ROOT, outfile),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  external,
  banner: { js: `#!/usr/bin/env node\n${ESM_REQUIRE_BANNER}` },
  define: { __TESSERA_TEST_HOOKS__: 'false' },
  legalComments: 'none',
  logLevel: 'warning',
});

// The data-folder template beside the server bundle (src-server/db/data-dir-template): the PGlite
// cluster of a fresh folder with the migrations applied, made only when the migrations, the template
// code or PGlite changed (initdb takes seconds), else marked fresh with the bundle.
const SERVER_TEMPLATE = {
  dir: 'dist/server',
  archive: 'dist/server/pgdata-template.tar.gz',
  manifest: 'dist/server/pgdata-template.json',
  inputs: ['src-server/db', 'node_modules/@electric-sql/pglite/package.json', 'scripts/bundle.mjs'],
};

/** Makes (or keeps) the server's data-folder template; a failure is reported, the server runs without it. */
const buildServerTemplate = async () => {
  const archive = join(ROOT, SERVER_TEMPLATE.archive);
  const manifest = join(ROOT, SERVER_TEMPLATE.manifest);
  const made = existsSync(archive) && existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  if (made > 0 && SERVER_TEMPLATE.inputs.every((input) => newest(join(ROOT, input)) <= made)) {
    const now = new Date();
    utimesSync(archive, now, now);
    utimesSync(manifest, now, now);
    return;
  }
  const { build } = await import('esbuild');
  const makerFile = `${SERVER_TEMPLATE.dir}/.make-template-${process.pid}.mjs`; // builds may run at once
  const maker = join(ROOT, makerFile);
  try {
    await build({
      ...nodeBundle('package.json', makerFile, RUNTIME_PACKAGES),
      entryPoints: undefined,
      stdin: {
        contents:
          "import { makeDataDirTemplate } from './src-server/db/data-dir-template/make-template';\n" +
          'await makeDataDirTemplate(process.argv[2]);\n',
        resolveDir: ROOT,
        loader: 'ts',
        sourcefile: 'make-template-entry.ts',
      },
    });
    const result = spawnSync(process.execPath, [maker, join(ROOT, SERVER_TEMPLATE.dir)], {
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      process.stderr.write('The data-folder template was not made; fresh servers will run initdb instead.\n');
    }
  } finally {
    rmSync(maker, { force: true });
  }
};

/** The targets: esbuild options (or a command), and the inputs whose change makes them stale. */
export const TARGETS = {
  cli: {
    // The CLI bundles its own code and small pure dependencies (commander, zod) for a fast start;
    // the license server behind `tessera server` stays a separate, lazily loaded part of the graph.
    // Split so `import()` stays lazy: the server's chunk (and Fastify, pg, PGlite) load only for `tessera server`.
    options: {
      ...nodeBundle('src-main/cli/main.ts', 'dist/cli/tessera.mjs', [
        ...RUNTIME_PACKAGES,
        'fastify',
        '@fastify/*',
        'fastify-type-provider-zod',
        'pg',
        'pino',
        'kysely',
      ]),
      outfile: undefined,
      outdir: join(ROOT, 'dist/cli'),
      entryNames: 'tessera',
      chunkNames: 'chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      splitting: true,
      // Less source for V8 to read and compile at each start; no source map is shipped.
      minify: true,
      plugins: [zodMiniOwnCopy, zodEnglishOnly, commanderLazyChildProcess],
    },
    outputs: ['dist/cli/tessera.mjs'],
    inputs: ['src-main', 'src-server', 'shared', 'resources', 'package.json', 'scripts/bundle.mjs'],
    clean: 'dist/cli',
    after: () => copyResources(join(ROOT, 'dist/cli/resources')),
  },
  server: {
    // Its npm dependencies are bundled too: Node then compiles one file instead of resolving and
    // compiling hundreds (most of a start on an existing folder, BENCHMARKS.md "Start-up").
    options: nodeBundle('src-server/cli.ts', 'dist/server/tessera-server.mjs', [
      ...RUNTIME_PACKAGES,
      '@fastify/swagger-ui',
    ]),
    outputs: ['dist/server/tessera-server.mjs', SERVER_TEMPLATE.manifest],
    inputs: ['src-server', 'shared', 'package.json', 'scripts/bundle.mjs'],
    after: () => buildServerTemplate(),
  },
  launch: {
    options: { ...nodeBundle('src-main/launch.ts', 'dist/launch.mjs', []), packages: 'external' },
    outputs: ['dist/launch.mjs'],
    inputs: ['src-main/launch.ts', 'package.json', 'scripts/bundle.mjs'],
  },
  desktop: {
    scripts: ['build:renderer', 'build:main'],
    outputs: ['dist/main/main.js', 'dist/main/preload.cjs', 'dist/renderer/index.html'],
    inputs: ['src-main', 'src-renderer', 'shared', 'src-server', 'package.json', 'scripts/build-main.ts'],
  },
};

/** Copies every resources/*.json (catalog, trusted issuers, trust roots) beside a bundle. */
export const copyResources = (to) => {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(join(ROOT, 'resources'))) {
    if (name.endsWith('.json')) copyFileSync(join(ROOT, 'resources', name), join(to, name));
  }
};

/** Newest modification time under a file or folder (0 when absent). */
const newest = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
};

/** A target is stale when an output is missing or older than any input. */
export const isStale = (target) => {
  const oldest = Math.min(
    ...target.outputs.map((out) => (existsSync(join(ROOT, out)) ? statSync(join(ROOT, out)).mtimeMs : 0)),
  );
  return oldest === 0 || target.inputs.some((input) => newest(join(ROOT, input)) > oldest);
};

/** Builds one target; returns false when the build failed (errors already printed). */
const buildTarget = async (name, target) => {
  if (target.scripts) {
    return target.scripts.every(
      (script) => spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' }).status === 0,
    );
  }
  const { build } = await import('esbuild');
  try {
    if (target.clean) rmSync(join(ROOT, target.clean), { recursive: true, force: true });
    await build(target.options);
    await target.after?.();
    return true;
  } catch {
    process.stderr.write(`The ${name} bundle failed to build; the errors are printed above.\n`);
    return false;
  }
};

/** `--run <target> [args…]`: the program sees `[node, <bundle>, args…]` as if started directly. */
const run = async (name, rest) => {
  const target = TARGETS[name];
  if (!target?.options) {
    process.stderr.write(`Nothing to run for "${name}"; choose cli, server or launch.\n`);
    return 2;
  }
  if (isStale(target) && !(await buildTarget(name, target))) return 1;
  const entry = join(ROOT, target.outputs[0]);
  process.argv.splice(1, process.argv.length - 1, entry, ...rest);
  await import(pathToFileURL(entry).href);
  return undefined;
};

const main = async () => {
  const args = process.argv.slice(2);
  if (args[0] === '--run') return run(args[1], args.slice(2));
  const force = args.includes('--force');
  const names = args.filter((arg) => !arg.startsWith('--'));
  for (const name of names.length > 0 ? names : ['cli', 'server', 'launch']) {
    const target = TARGETS[name];
    if (!target) {
      process.stderr.write(`Unknown bundle "${name}"; choose from ${Object.keys(TARGETS).join(', ')}.\n`);
      return 2;
    }
    if ((force || isStale(target)) && !(await buildTarget(name, target))) return 1;
  }
  return 0;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const code = await main();
  if (code !== undefined) process.exitCode = code;
}
