import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { MachineInfo } from '../../shared/contracts/http/common';
import { componentHashesSchema } from '../../shared/machine-id/components';
import { parseMachineId } from '../../shared/machine-id/machine-id-format';
import { matchMachine } from '../../shared/machine-id/match-machine';
import { ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';

/** A machine row as the services use it. */
export interface MachineRef {
  readonly ref: string;
  readonly machineId: string;
  readonly virtualization: string;
}

/** Validates a typed machine ID with its check character (shared parser), e.g. for offline licenses. */
export const canonicalMachineId = (typed: string): Result<string> => parseMachineId(typed);

/**
 * Registers or refreshes the caller's machine in the organization. A machine whose ID changed
 * because a little hardware changed (same OS user, most component hashes matching) keeps its row.
 */
export async function upsertMachine(
  trx: Transaction<Database>,
  orgId: string,
  info: MachineInfo,
): Promise<Result<MachineRef>> {
  const machineId = parseMachineId(info.machineId);
  if (!machineId.ok) return machineId;
  const hashes = componentHashesSchema.safeParse(info.componentHashes);
  const presented = hashes.success ? hashes.data : {};
  const values = {
    component_hashes: JSON.stringify(presented),
    virtualization: info.virtualization,
    os_user_hash: info.osUserHash ?? null,
    last_seen_at: new Date(),
  };
  const exact = await trx
    .selectFrom('machines')
    .select(['id'])
    .where('org_id', '=', orgId)
    .where('machine_id', '=', machineId.value)
    .executeTakeFirst();
  let ref = exact?.id;
  if (ref === undefined && info.osUserHash !== undefined) {
    const siblings = await trx
      .selectFrom('machines')
      .select(['id', 'component_hashes'])
      .where('org_id', '=', orgId)
      .where('os_user_hash', '=', info.osUserHash)
      .limit(50)
      .execute();
    ref = siblings.find(
      (s) =>
        matchMachine(z.catch(componentHashesSchema, {}).parse(s.component_hashes), presented).sameMachine,
    )?.id;
  }
  if (ref !== undefined) {
    await trx
      .updateTable('machines')
      .set({ ...values, machine_id: machineId.value })
      .where('id', '=', ref)
      .execute();
  } else {
    const row = await trx
      .insertInto('machines')
      .values({ org_id: orgId, machine_id: machineId.value, ...values })
      .onConflict((c) => c.columns(['org_id', 'machine_id']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    ref = row.id;
  }
  return ok({ ref, machineId: machineId.value, virtualization: info.virtualization });
}

/** Looks up a machine of the organization by its typed ID. */
export async function findMachine(
  trx: Transaction<Database>,
  orgId: string,
  typed: string,
): Promise<MachineRef | undefined> {
  const parsed = parseMachineId(typed);
  const machineId = parsed.ok ? parsed.value : typed;
  const row = await trx
    .selectFrom('machines')
    .select(['id', 'machine_id', 'virtualization'])
    .where('org_id', '=', orgId)
    .where('machine_id', '=', machineId)
    .executeTakeFirst();
  return row && { ref: row.id, machineId: row.machine_id, virtualization: row.virtualization };
}
