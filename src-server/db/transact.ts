import type { Kysely, Transaction } from 'kysely';
import type { Result } from '../../shared/result';
import type { Database } from './schema';

class RollbackWith extends Error {
  constructor(readonly result: Result<never>) {
    super('rollback');
  }
}

/** Runs `work` in one transaction; a refusal (ok: false) rolls everything back and is returned as data. */
export async function transact<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) throw new RollbackWith(result);
      return result;
    });
  } catch (error) {
    if (error instanceof RollbackWith) return error.result;
    throw error;
  }
}
