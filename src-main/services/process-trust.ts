import { resolve } from 'node:path';
import type { Result } from '../../shared/result';
import { readTestHooks } from '../config/test-hooks';
import { loadTrustSetup, type TrustSetup, type TrustSetupOptions } from './trust-setup';

const setups = new Map<string, TrustSetup>();

/**
 * The trust set-up, read once per process as the design fixes it (shipped roots and the machine-wide
 * policy file; reading the policy checks the owner of every folder above it). An evaluation build is
 * read every time, because the roots of license servers started on this machine may appear meanwhile;
 * so are set-ups with in-process local roots.
 */
export const processTrustSetup = async (options: TrustSetupOptions): Promise<Result<TrustSetup>> => {
  const hooks = readTestHooks(options.env);
  const key =
    options.localRoots === undefined && options.platform === undefined && options.adminUid === undefined
      ? JSON.stringify([resolve(options.resourcesDir), resolve(options.dataDir), hooks])
      : undefined;
  const known = key === undefined ? undefined : setups.get(key);
  if (known !== undefined) return { ok: true, value: known };
  const loaded = await loadTrustSetup(options);
  if (key !== undefined && loaded.ok && !loaded.value.evaluation) setups.set(key, loaded.value);
  return loaded;
};
