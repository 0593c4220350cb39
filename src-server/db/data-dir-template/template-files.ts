import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { migrationNames } from '../migrate';

/** File names of the template shipped beside the server bundle (dist/server/, made by scripts/bundle.mjs). */
export const TEMPLATE_ARCHIVE = 'pgdata-template.tar.gz';
export const TEMPLATE_MANIFEST = 'pgdata-template.json';

/** What the template was made with; a start uses it only when all of it matches this installation. */
export const TemplateManifestSchema = z.object({
  format: z.literal(1),
  pglite: z.string().min(1),
  migrations: z.array(z.string()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
});
export type TemplateManifest = z.infer<typeof TemplateManifestSchema>;

/** Where a template lives: the folder holding its archive and manifest. */
export interface TemplateLocation {
  readonly dir: string;
}

/** A template checked against this installation: its archive bytes (gzip tar), matching the manifest's digest. */
export type CheckedTemplate = { ok: true; archive: Buffer } | { ok: false; reason: string };

/** The PGlite version installed beside this build (node_modules), read from its package.json. */
export function installedPgliteVersion(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const parsed = z
      .object({ version: z.string() })
      .safeParse(JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')));
    return parsed.success ? parsed.data.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The template shipped with this bundle: beside it, or in `server/` of a parent folder (the CLI's chunks
 * and the desktop main bundle find dist/server/). Sources run by tsx never use one: a template made from
 * other migration sources would give a stale schema.
 */
export function findShippedTemplate(moduleUrl: string = import.meta.url): TemplateLocation | undefined {
  let dir: string;
  try {
    const file = fileURLToPath(moduleUrl);
    if (file.endsWith('.ts')) return undefined;
    dir = dirname(file);
  } catch {
    return undefined;
  }
  for (let up = 0; up < 4; up += 1) {
    for (const candidate of [dir, join(dir, 'server')]) {
      if (existsSync(join(candidate, TEMPLATE_MANIFEST))) return { dir: candidate };
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** Reads and checks a template: manifest, PGlite version, migration list, the archive's digest. Never throws. */
export function checkTemplate(
  location: TemplateLocation,
  expected: { pglite: string | undefined; migrations: string[] } = {
    pglite: installedPgliteVersion(),
    migrations: migrationNames(),
  },
): CheckedTemplate {
  try {
    const manifest = TemplateManifestSchema.safeParse(
      JSON.parse(readFileSync(join(location.dir, TEMPLATE_MANIFEST), 'utf8')),
    );
    if (!manifest.success) return { ok: false, reason: 'unreadable manifest' };
    const made = manifest.data;
    if (expected.pglite === undefined || made.pglite !== expected.pglite)
      return {
        ok: false,
        reason: `made with PGlite ${made.pglite}, installed ${expected.pglite ?? 'unknown'}`,
      };
    if (made.migrations.join('\n') !== [...expected.migrations].sort().join('\n'))
      return { ok: false, reason: 'made with other migrations' };
    const archive = readFileSync(join(location.dir, TEMPLATE_ARCHIVE));
    if (archive.length !== made.bytes || createHash('sha256').update(archive).digest('hex') !== made.sha256)
      return { ok: false, reason: 'archive does not match its manifest' };
    return { ok: true, archive };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'unreadable template' };
  }
}
