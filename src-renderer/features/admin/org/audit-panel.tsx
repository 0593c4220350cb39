import { useCallback, useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { call, type CallFailure } from '../../../agent';
import { FailureAlert } from '../../../lib/failure-alert';
import { formatDateTime } from '../../../lib/format';
import { PagedTable } from '../../../lib/paged-table';
import { saveTextFile } from '../../../lib/save-text-file';
import { useAdminStore } from '../admin-store';
import { MemberPicker } from '../members/member-picker';

/** The action the filter's placeholder offers as an example: one the server writes when a seat is granted. */
export const AUDIT_ACTION_EXAMPLE = 'seat.granted';

/** The append-only audit log with filters (action, a member searched by name or e-mail, machine) and a CSV export of the same filter. */
export function AuditPanel({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const [action, setAction] = useState('');
  const [userId, setUserId] = useState<string | null>(null);
  const [machineId, setMachineId] = useState('');
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const [filter] = useDebouncedValue(
    {
      productId,
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(userId ? { userId } : {}),
      ...(machineId.trim() ? { machineId: machineId.trim() } : {}),
    },
    300,
  );
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call((a) => a.adminListAudit({ orgId, filter, page: { offset, limit } })),
    [orgId, filter],
  );
  const [exported, setExported] = useState<{ rows: number; truncated: boolean } | null>(null);
  const exportCsv = async () => {
    const result = await call((a) => a.adminExportAuditCsv({ orgId, filter }));
    if (result.ok) saveTextFile(result.value.fileName, result.value.content, 'text/csv');
    setExported(result.ok ? { rows: result.value.rows, truncated: result.value.truncated } : null);
    setFailure(result.ok ? null : result.error);
  };
  return (
    <Stack gap="sm">
      <Group align="end">
        <TextInput
          label="Action"
          placeholder={`e.g. ${AUDIT_ACTION_EXAMPLE}`}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
        />
        <MemberPicker orgId={orgId} label="User" value={userId} onChange={setUserId} w={280} />
        <TextInput
          label="Machine ID"
          value={machineId}
          onChange={(e) => setMachineId(e.currentTarget.value)}
        />
        <Button variant="default" onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </Group>
      <FailureAlert failure={failure} />
      {exported && <ExportNote {...exported} />}
      <PagedTable
        label="Audit log"
        fetchPage={fetchPage}
        reloadKey={`${orgId}/${JSON.stringify(filter)}/${version}`}
        rowKey={(e) => e.id}
        empty="No audit events match these filters."
        columns={[
          { header: 'When', cell: (e) => formatDateTime(e.at) },
          { header: 'Actor', cell: (e) => e.actor ?? 'system' },
          { header: 'Action', cell: (e) => e.action },
          { header: 'Machine', cell: (e) => e.machineId ?? '—' },
          { header: 'Reason', cell: (e) => e.reason ?? '—' },
        ]}
      />
    </Stack>
  );
}

/** Says how many events the CSV holds, and when the 1 MB limit cut older ones, how to get them. */
function ExportNote({ rows, truncated }: { rows: number; truncated: boolean }) {
  if (!truncated) return <Text size="sm">Exported {rows.toLocaleString()} events.</Text>;
  return (
    <Alert color="yellow" title="Export cut at 1 MB">
      The file holds the newest {rows.toLocaleString()} matching events. Narrow the filter (action, user or
      machine) to export older ones.
    </Alert>
  );
}
