import { useCallback, useState } from 'react';
import { Badge, Button, Group, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { call } from '../../../agent';
import { formatDateTime } from '../../../lib/format';
import { PagedTable } from '../../../lib/paged-table';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';

/** Registered Machines (R16, R21, R23): every machine using the product; remove one or force-release its session. */
export function MachinesSection({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const change = useAdminStore((s) => s.change);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const fetchPage = useCallback(
    (offset: number, limit: number, after?: string) =>
      call((a) =>
        a.adminListMachines({
          orgId,
          productId,
          page: { offset, limit },
          ...(debounced ? { query: debounced } : {}),
          ...(after !== undefined ? { after } : {}),
        }),
      ),
    [orgId, productId, debounced],
  );
  return (
    <TitledSection id="registered-machines" title="Registered Machines">
      <TextInput
        label="Filter by machine ID or e-mail"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        w={320}
      />
      <PagedTable
        label="Registered machines"
        fetchPage={fetchPage}
        reloadKey={`${orgId}/${productId}/${version}/${debounced}`}
        rowKey={(m) => m.machineId}
        empty="No machine is registered for this product."
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
