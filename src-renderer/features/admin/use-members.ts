import { useEffect, useState } from 'react';
import type { IpcResponse } from '../../../shared/contracts/ipc';
import { call, type CallFailure } from '../../agent';

type MembersPage = IpcResponse<'admin:list-members'>;

/** The members an admin picks from (grant, transfer), plus the R18 free-plan warning; re-read when `version` moves. */
export function useMembers(
  orgId: string | null,
  version: number,
): { page: MembersPage | null; failure: CallFailure | null } {
  const [page, setPage] = useState<MembersPage | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  useEffect(() => {
    if (!orgId) return;
    let live = true;
    void call((a) => a.adminListMembers({ orgId, page: { offset: 0, limit: 500 } })).then((result) => {
      if (!live) return;
      setPage(result.ok ? result.value : null);
      setFailure(result.ok ? null : result.error);
    });
    return () => {
      live = false;
    };
  }, [orgId, version]);
  return { page, failure };
}
