import { sql, type RawBuilder } from 'kysely';
import { fail, ok, type Result } from '../../../shared/result';

/** A Registered Machines position: the exact last-seen time (database text, microseconds) and machine ID. */
interface MachineKey {
  readonly seen: string;
  readonly machineId: string;
}

/** The cursor of a page's last row (base64url of "seen\nmachineId"), handed out as `next`. */
export const encodeMachineCursor = (key: MachineKey): string =>
  Buffer.from(`${key.seen}\n${key.machineId}`, 'utf8').toString('base64url');

/**
 * Rows strictly after the cursor in page order (last seen newest first, then machine ID), as a predicate
 * on a branch's `last_seen_at`/`machine_id`; on `machines` it is a range of machines_org_page_idx.
 */
export function afterMachineCursor(cursor: string | undefined): Result<RawBuilder<unknown>> {
  if (cursor === undefined) return ok(sql`true`);
  const [seen, machineId, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
  if (seen === undefined || machineId === undefined || rest.length > 0 || Number.isNaN(Date.parse(seen)))
    return fail('VALIDATION_FAILED', 'That page position is not valid any more; reload the table.');
  // The first comparison alone is the index range; the second breaks ties between equal times.
  return ok(sql`b.last_seen_at <= ${seen}::timestamptz and (b.last_seen_at < ${seen}::timestamptz
    or b.machine_id > ${machineId})`);
}

/**
 * A jump by last-seen time: rows last seen at or before `instant`, in page order. The same index range as
 * a cursor read, so a jump to the middle of 100,000 machines costs what reading on costs.
 */
export const seenAtOrBefore = (instant: string | undefined): RawBuilder<unknown> =>
  instant === undefined ? sql`true` : sql`b.last_seen_at <= ${instant}::timestamptz`;
