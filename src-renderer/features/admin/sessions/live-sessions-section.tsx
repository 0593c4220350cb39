import { useCallback } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { call } from '../../../agent';
import { formatDateTime } from '../../../lib/format';
import { PagedTable } from '../../../lib/paged-table';
import { queryField, SearchToolbar, useSearchQuery } from '../../../lib/search-toolbar';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';

/**
 * Live Sessions (R19, R21): what holds a license right now. An admin ends one session, every session
 * of a user, or every session on a machine (a crashed agent, a shared lab machine left running).
 */
export function LiveSessionsSection({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const change = useAdminStore((s) => s.change);
  const search = useSearchQuery();
  const debounced = search.query;
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call((a) =>
        a.adminListLiveSessions({
          orgId,
          productId,
          page: { offset, limit },
          ...queryField(debounced),
        }),
      ),
    [orgId, productId, debounced],
  );
  const releaseAll = (who: { userId: string } | { machineId: string }, whom: string) =>
    void change(
      () => call((a) => a.adminReleaseSessions({ orgId, productId, ...who })),
      `Sessions of ${whom} released.`,
    );
  return (
    <TitledSection id="live-sessions" title="Live Sessions">
      <Text size="sm" c="dimmed">
        Each running session holds one license. Releasing one frees it now; the agent on that machine stops
        the product and can start a new session later.
      </Text>
      <SearchToolbar label="Filter by user or machine ID" search={search} />
      <PagedTable
        label="Live sessions"
        fetchPage={fetchPage}
        reloadKey={`${orgId}/${productId}/${version}/${debounced}`}
        rowKey={(s) => s.sessionId}
        empty="No session of this product is running."
        columns={[
          { header: 'User', cell: (s) => `${s.userName} <${s.userEmail}>` },
          { header: 'Machine ID', cell: (s) => <code>{s.machineId}</code> },
          { header: 'Started', cell: (s) => formatDateTime(s.startedAt) },
          { header: 'Last heard', cell: (s) => formatDateTime(s.lastHeartbeatAt) },
          {
            header: 'Release',
            cell: (s) => (
              <Group gap={4} wrap="nowrap">
                <Button
                  size="xs"
                  variant="subtle"
                  aria-label={`Release the session of ${s.userEmail} on ${s.machineId}`}
                  onClick={() =>
                    void change(
                      () => call((a) => a.adminForceRelease({ orgId, sessionId: s.sessionId })),
                      'Session released.',
                    )
                  }
                >
                  This one
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  aria-label={`Release every session of ${s.userEmail}`}
                  onClick={() => releaseAll({ userId: s.userId }, s.userEmail)}
                >
                  All of user
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  aria-label={`Release every session on ${s.machineId}`}
                  onClick={() => releaseAll({ machineId: s.machineId }, `machine ${s.machineId}`)}
                >
                  All on machine
                </Button>
              </Group>
            ),
          },
        ]}
      />
    </TitledSection>
  );
}
