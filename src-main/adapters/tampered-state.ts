import { rename } from 'node:fs/promises';
import type { JsonValue } from '../../shared/license-file/canonical-json';
import { fail, type Result } from '../../shared/result';
import { emptyState, type StoreState } from './store-schema';
import { mainLog } from './error-log';

/** What a product whose stored license was dropped with a tampered state file says in status. */
export const TAMPERED_NOTE =
  'The local license state was changed outside Tessera and is no longer trusted; re-activate online or import your offline license again.';

const productIds = (value: JsonValue | undefined): string[] =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).slice(0, 50) : [];

/**
 * Moves a state file that failed its seal aside (`state.json.tampered-<time>`) and starts over with no
 * licenses: each product the file named gets a STATE_TAMPERED note for status, and the latest trusted
 * time is kept only if it is not in the future (lowering it is the usual reason to edit the file, and a
 * value at or below now is never worse than starting from zero).
 */
export const quarantineTampered = async (
  path: string,
  body: { [key: string]: JsonValue | undefined },
  now: number,
  write: (state: StoreState) => Promise<void>,
): Promise<Result<StoreState>> => {
  const aside = `${path}.tampered-${now}`;
  await rename(path, aside).catch((error: unknown) =>
    mainLog().error({ err: error, aside }, 'The tampered license state could not be moved aside'),
  );
  const fresh = emptyState();
  const floor = body.lastTrustedTime;
  if (typeof floor === 'number' && Number.isFinite(floor) && floor > 0)
    fresh.lastTrustedTime = Math.min(floor, now);
  for (const productId of new Set([...productIds(body.leases), ...productIds(body.offlineLicenses)]))
    fresh.notes[productId] = { code: 'STATE_TAMPERED', message: TAMPERED_NOTE, at: now };
  // The refusal below stands either way; a fresh file that failed to write is made by the next change.
  await write(fresh).catch((error: unknown) =>
    mainLog().error({ err: error }, 'A fresh license state could not be written after quarantine'),
  );
  return fail(
    'STATE_TAMPERED',
    `The local license state was changed outside Tessera and was moved to ${aside}; re-activate online or import your offline license again.`,
    { movedTo: aside },
  );
};
