// Runs Doyensec's electronegativity over the Electron sources and fails on any high-severity finding
// that is not a reviewed false positive (scripts/electronegativity.config.json says why and which test
// proves the real setting). Called by `npm run check` through `npm run security:electron`.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const Config = z.object({
  scan: z.array(z.string()).min(1),
  failAt: z.enum(['LOW', 'MEDIUM', 'HIGH']),
  reviewed: z.array(z.object({ id: z.string(), file: z.string(), reason: z.string(), provenBy: z.string() })),
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
  const isReviewed = (id: string, file: string): boolean =>
    config.reviewed.some((r) => r.id === id && r.file === file);
  const blocking = report.issues.filter(
    (i) => i.severity.value >= SEVERITY[config.failAt] && !isReviewed(i.id, i.file),
  );
  const stale = config.reviewed.filter((r) => !report.issues.some((i) => i.id === r.id && i.file === r.file));
  for (const i of report.issues)
    console.log(
      `${isReviewed(i.id, i.file) ? 'reviewed' : i.severity.name.padEnd(8)} ${i.id} ${i.file}:${i.location.line}`,
    );
  for (const e of parseErrors) console.error(`could not parse ${e.file}: ${e.message}`);
  for (const r of stale) console.error(`stale review entry (finding gone, remove it): ${r.id} ${r.file}`);
  for (const i of blocking) console.error(`BLOCKING ${i.id} ${i.file}:${i.location.line} ${i.description}`);
  const failed = blocking.length + parseErrors.length + stale.length > 0;
  console.log(
    failed ? 'electronegativity: FAILED' : `electronegativity: no unreviewed ${config.failAt} finding`,
  );
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
