import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, migrationNames } from '../migrate';
import { openDatabase } from '../open-database';
import { packClusterFolder } from './template-archive';
import {
  installedPgliteVersion,
  TEMPLATE_ARCHIVE,
  TEMPLATE_MANIFEST,
  type TemplateManifest,
} from './template-files';

/**
 * Build step (scripts/bundle.mjs, `server` target): the PGlite cluster a fresh data folder would get —
 * PGlite's initdb, then this build's migrations, cleanly shut down — written to outDir as a gzip tar with
 * a manifest (PGlite version, migration list, digest). No keys and no secrets: the root and signing keys
 * and the master-key-sealed values are made by each installation at its first start.
 */
export async function makeDataDirTemplate(outDir: string): Promise<TemplateManifest> {
  const pglite = installedPgliteVersion();
  if (pglite === undefined) throw new Error('PGlite is not installed; cannot make the data-folder template.');
  const work = mkdtempSync(join(tmpdir(), 'tessera-template-'));
  try {
    const dataDir = join(work, 'pgdata');
    const opened = await openDatabase({ kind: 'pglite', dataDir, template: null });
    try {
      await migrateToLatest(opened.db);
    } finally {
      await opened.db.destroy();
    }
    const packed = join(work, TEMPLATE_ARCHIVE);
    packClusterFolder(dataDir, packed);
    const archive = readFileSync(packed);
    const manifest: TemplateManifest = {
      format: 1,
      pglite,
      migrations: migrationNames(),
      sha256: createHash('sha256').update(archive).digest('hex'),
      bytes: archive.length,
    };
    mkdirSync(outDir, { recursive: true });
    // Each file is written aside and renamed in: a reader (or a second build) never sees half of one,
    // and an archive and manifest of two builds disagree on the digest, so a start falls back.
    const files: [string, string | Buffer][] = [
      [TEMPLATE_ARCHIVE, archive],
      [TEMPLATE_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`],
    ];
    for (const [name, content] of files) {
      const aside = join(outDir, `.${name}.${process.pid}`);
      writeFileSync(aside, content);
      // Shipped files, readable by whoever runs the server (this process's umask is private, see openDatabase).
      chmodSync(aside, 0o644);
      renameSync(aside, join(outDir, name));
    }
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
