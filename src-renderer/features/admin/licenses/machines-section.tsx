import { useCallback, useState } from 'react';
import { Badge, Button, Group, TextInput } from '@mantine/core';
import { call } from '../../../agent';
import { CursorTable } from '../../../lib/cursor-table';
import { formatDateTime } from '../../../lib/format';
import { queryField, SearchToolbar, useSearchQuery } from '../../../lib/search-toolbar';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';

/** The end of a `YYYY-MM-DD` day in local time, as the instant a jump starts at; null for no (or a bad) date. */
const endOfDay = (day: string): string | null => {
  const end = new Date(`${day}T23:59:59.999`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(end.getTime()) ? end.toISOString() : null;
};

/**
 * Registered Machines (R16, R21, R23): every machine using the product; remove one or force-release its
 * session. Read by keyset only: scrolling reads on after the last row, and a jump starts at a last-seen
 * day, so the 50,000th machine costs what the first does.
 */
export function MachinesSection({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const change = useAdminStore((s) => s.change);
  const search = useSearchQuery();
  const debounced = search.query;
  const [day, setDay] = useState('');
  const seenAtOrBefore = endOfDay(day);
  const fetchPage = useCallback(
    (limit: number, after?: string) =>
      call((a) =>
        a.adminListMachines({
          orgId,
          productId,
          page: { offset: 0, limit },
          ...queryField(debounced),
          ...(after !== undefined ? { after } : {}),
          ...(seenAtOrBefore !== null ? { seenAtOrBefore } : {}),
        }),
      ),
    [orgId, productId, debounced, seenAtOrBefore],
  );
  return (
    <TitledSection id="registered-machines" title="Registered Machines">
      <SearchToolbar label="Filter by machine ID or e-mail" search={search}>
        <TextInput
          type="date"
          label="Jump to last seen on or before"
          value={day}
          onChange={(e) => setDay(e.currentTarget.value)}
          w={220}
        />
        {day !== '' && (
          <Button variant="subtle" onClick={() => setDay('')}>
            Newest first
          </Button>
        )}
      </SearchToolbar>
      <CursorTable
        label="Registered machines"
        fetchPage={fetchPage}
        reloadKey={`${orgId}/${productId}/${version}/${debounced}/${seenAtOrBefore ?? ''}`}
        rowKey={(m) => m.machineId}
        empty={
          seenAtOrBefore === null
            ? 'No machine is registered for this product.'
            : 'No machine was last seen on or before that day.'
        }
        columns={[
          { header: 'Machine ID', cell: (m) => <code>{m.machineId}</code> },
          { header: 'User', cell: (m) => m.userEmail ?? '—' },
          {
            header: 'Uses',
            cell: (m) => (
              <Group gap={4}>
                {m.online && <Badge size="sm">online</Badge>}
                {m.offline && (
                  <Badge size="sm" color="grape">
                    offline
                  </Badge>
                )}
                {m.virtualization !== 'physical' && (
                  <Badge size="sm" color="yellow">
                    {m.virtualization}
                  </Badge>
                )}
              </Group>
            ),
          },
          { header: 'Last seen', cell: (m) => formatDateTime(m.lastSeenAt) },
          {
            header: 'Actions',
            cell: (m) => (
              <Group gap={4} wrap="nowrap">
                {m.activeSession && (
                  <Button
                    size="xs"
                    variant="subtle"
                    aria-label={`Force-release the session on ${m.machineId}`}
                    onClick={() => {
                      const sessionId = m.activeSession?.sessionId;
                      if (sessionId)
                        void change(
                          () => call((a) => a.adminForceRelease({ orgId, sessionId })),
                          'Session released.',
                        );
                    }}
                  >
                    Release
                  </Button>
                )}
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={`Remove machine ${m.machineId}`}
                  onClick={() =>
                    void change(
                      () => call((a) => a.adminRemoveMachine({ orgId, productId, machineId: m.machineId })),
                      `Machine ${m.machineId} removed.`,
                    )
                  }
                >
                  Remove
                </Button>
              </Group>
            ),
          },
        ]}
      />
    </TitledSection>
  );
}
