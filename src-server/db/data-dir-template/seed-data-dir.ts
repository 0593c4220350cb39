import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { unpackClusterArchive } from './template-archive';
import { checkTemplate, type TemplateLocation } from './template-files';

/** How a PGlite folder came to hold a cluster at this open. */
export type DataDirOrigin = { kind: 'existing' } | { kind: 'template' } | { kind: 'initdb'; reason: string };

const isEmptyOrAbsent = (dir: string): boolean => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * Gives an empty or absent PGlite folder the cluster of the template made at build time (migrations
 * applied, no keys), so PGlite opens it as an existing one instead of running initdb. The files are
 * written in a sibling folder and renamed into place, so a crash never leaves half a cluster. A folder
 * that holds anything is never touched; a missing, mismatched or corrupt template changes nothing and
 * the caller goes on as before (PGlite's initdb, then the migrations).
 */
export function seedDataDir(dataDir: string, template: TemplateLocation | undefined): DataDirOrigin {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return { kind: 'existing' };
  if (!isEmptyOrAbsent(dataDir)) return { kind: 'initdb', reason: 'folder not empty' };
  if (template === undefined) return { kind: 'initdb', reason: 'no template' };
  const checked = checkTemplate(template);
  if (!checked.ok) return { kind: 'initdb', reason: checked.reason };
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.seeding-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    unpackClusterArchive(checked.archive, staging);
    if (existsSync(dataDir)) rmdirSync(dataDir); // empty (checked above); rmdir refuses anything else
    renameSync(staging, dataDir);
    return { kind: 'template' };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    return { kind: 'initdb', reason: error instanceof Error ? error.message : 'seeding failed' };
  }
}
