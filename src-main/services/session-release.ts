import type { IpcRequest, IpcResponse } from '../../shared/contracts/ipc';
import { ok, type Result } from '../../shared/result';

type Forward = {
  list(
    payload: IpcRequest<'admin:list-live-sessions'>,
  ): Promise<Result<IpcResponse<'admin:list-live-sessions'>>>;
  release(payload: IpcRequest<'admin:force-release'>): Promise<Result<IpcResponse<'admin:force-release'>>>;
};

/** Sessions read per round; a user or machine rarely holds more than a handful (R19, R21). */
const ROUND = 100;
/** Rounds before giving up on a list that keeps refilling (sessions starting while they are released). */
const MAX_ROUNDS = 20;

/**
 * Force-releases every live session of one user, or on one machine, for one product: reads the server's
 * live-session list filtered to them and ends each, until none is left. The first refusal stops it and
 * is answered as is; sessions already released stay released.
 */
export async function releaseSessions(
  forward: Forward,
  payload: IpcRequest<'admin:release-sessions'>,
): Promise<Result<IpcResponse<'admin:release-sessions'>>> {
  const { orgId, productId, userId, machineId } = payload;
  const filter = userId !== undefined ? { userId } : machineId !== undefined ? { machineId } : {};
  let released = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const page = await forward.list({ orgId, productId, page: { offset: 0, limit: ROUND }, ...filter });
    if (!page.ok) return page;
    if (page.value.items.length === 0) break;
    for (const session of page.value.items) {
      const done = await forward.release({ orgId, sessionId: session.sessionId });
      if (!done.ok) return done;
      released += 1;
    }
  }
  return ok({ released });
}
