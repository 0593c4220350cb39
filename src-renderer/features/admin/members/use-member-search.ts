import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import type { IpcResponse } from '../../../../shared/contracts/ipc';
import { call, type CallFailure } from '../../../agent';

/** One member as the pickers show them. */
export type MemberMatch = IpcResponse<'admin:list-members'>['items'][number];

/** How many matches a picker lists; typing more narrows them on the server. */
export const PICKER_MATCHES = 50;

/**
 * Members whose name or e-mail contain what the admin typed, read from the server as they type
 * (debounced): pickers never read the whole membership, however large the organization is. They search
 * the whole subtree (R13: an admin grants to members of sub-organizations too).
 */
export function useMemberSearch(
  orgId: string,
  text: string,
  version: number,
): { matches: MemberMatch[]; total: number; failure: CallFailure | null } {
  const [query] = useDebouncedValue(text.trim(), 250);
  const [state, setState] = useState<{ matches: MemberMatch[]; total: number; failure: CallFailure | null }>({
    matches: [],
    total: 0,
    failure: null,
  });
  useEffect(() => {
    let live = true;
    void call((a) =>
      a.adminListMembers({
        orgId,
        page: { offset: 0, limit: PICKER_MATCHES },
        ...(query ? { query } : {}),
        scope: 'subtree',
      }),
    ).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { matches: result.value.items, total: result.value.total, failure: null }
          : { matches: [], total: 0, failure: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [orgId, query, version]);
  return state;
}
