// Runs Doyensec's electronegativity over the Electron sources and fails on any high-severity finding
// that is not a reviewed false positive (scripts/electronegativity.config.json says why and which test
// proves the real setting). Called by `npm run check` through `npm run security:electron`.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { checkElectronWindows } from './electron-window-check';
import { reviewVerdict } from './electronegativity-review';

const Config = z.object({
  scan: z.array(z.string()).min(1),
  failAt: z.enum(['LOW', 'MEDIUM', 'HIGH']),
  reviewed: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      line: z.number().int().positive(),
      reason: z.string().min(1),
      provenBy: z.string(),
    }),
  ),
});
const Level = z.object({ name: z.string(), value: z.number() });
const Report = z.object({
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      severity: Level,
      confidence: Level,
      location: z.object({ line: z.number(), column: z.number() }),
      description: z.string(),
    }),
  ),
});
const SEVERITY = { LOW: 1, MEDIUM: 2, HIGH: 3 } as const;

/** The runner without its CLI: the CLI breaks on the hoisted commander 14 the project uses. */
const runner = createRequire(import.meta.url)('@doyensec/electronegativity/dist/runner.js') as (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<unknown>;

const config = Config.parse(JSON.parse(readFileSync('scripts/electronegativity.config.json', 'utf8')));
const workDir = mkdtempSync(join(tmpdir(), 'tessera-eng-'));
try {
  // One tree holding main and renderer, so the global checks see the handlers wherever they live.
  for (const path of config.scan) cpSync(path, join(workDir, path), { recursive: true });
  const report = Report.parse(
    await runner(
      {
        input: workDir,
        isRelative: true,
        electronVersionOverride: '45.0.0',
        // This check downloads Electron's release list; CI has no network beyond the registries.
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        parserPlugins: [],
      },
      false,
    ),
  );
  const parseErrors = report.errors.filter((e) => !e.tolerable);
  const serious = report.issues
    .filter((i) => i.severity.value >= SEVERITY[config.failAt])
    .map((i) => ({ ...i, line: i.location.line }));
  const { blocking, stale } = reviewVerdict(serious, config.reviewed);
  for (const i of report.issues)
    console.log(
      `${blocking.some((b) => b.id === i.id && b.file === i.file && b.line === i.location.line) || i.severity.value < SEVERITY[config.failAt] ? i.severity.name.padEnd(8) : 'reviewed'} ${i.id} ${i.file}:${i.location.line}`,
    );
  // Our own check follows webPreferences into the helpers that build them; it has no review list.
  const mainSources = readdirSync('src-main', { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ path: join('src-main', name), text: readFileSync(join('src-main', name), 'utf8') }));
  const weakWindows = checkElectronWindows(mainSources);
  for (const w of weakWindows) console.error(`BLOCKING window options ${w.file}:${w.line} ${w.problem}`);
  for (const e of parseErrors) console.error(`could not parse ${e.file}: ${e.message}`);
  for (const r of stale)
    console.error(`stale review entry (finding gone or moved, update it): ${r.id} ${r.file}:${r.line}`);
  for (const i of blocking) console.error(`BLOCKING ${i.id} ${i.file}:${i.location.line} ${i.description}`);
  const failed = blocking.length + parseErrors.length + stale.length + weakWindows.length > 0;
  console.log(
    failed ? 'electronegativity: FAILED' : `electronegativity: no unreviewed ${config.failAt} finding`,
  );
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
