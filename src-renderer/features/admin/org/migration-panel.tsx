import { useState } from 'react';
import { Alert, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import type { IpcResponse } from '../../../../shared/contracts/ipc';
import { call } from '../../../agent';
import { LICENSE_KIND_LABEL } from '../../../lib/format';
import { useAdminStore } from '../admin-store';
import { MigrationExplainer } from './migration-explainer';
import { ScheduledRenewals } from './scheduled-renewals';

type Plan = IpcResponse<'admin:preview-migration'>;
const kinds = (rows: Plan['from']) =>
  rows.map((r) => `${r.count} ${LICENSE_KIND_LABEL[r.licenseKind] ?? r.licenseKind}`).join(' + ') || 'none';

/** Migration off node-locked/floating (R28–R30): preview who gets what and why, then apply on request. */
export function MigrationPanel({ orgId, productId }: { orgId: string; productId: string }) {
  const change = useAdminStore((s) => s.change);
  const [plan, setPlan] = useState<Plan | null>(null);
  const preview = async () => {
    const result = await change(
      () => call((a) => a.adminPreviewMigration({ orgId, productId })),
      'Preview ready.',
    );
    setPlan(result.ok ? result.value : null);
  };
  const apply = async () => {
    const result = await change(
      () => call((a) => a.adminApplyMigration({ orgId, productId })),
      'Migration applied.',
    );
    if (result.ok) setPlan(result.value);
  };
  return (
    <Stack gap="sm">
      <MigrationExplainer productId={productId} />
      <Group>
        <Button variant="default" onClick={() => void preview()}>
          Preview migration
        </Button>
        <Button color="orange" disabled={!plan || plan.applied} onClick={() => void apply()}>
          Apply migration
        </Button>
      </Group>
      {plan && (
        <Stack gap="xs" data-testid="migration-plan">
          <Alert
            color={plan.applied ? 'green' : 'blue'}
            title={plan.applied ? 'Migration applied' : 'Preview (nothing changed yet)'}
          >
            {kinds(plan.from)} → {kinds(plan.to)}
          </Alert>
          {plan.notes.length > 0 && (
            <List size="sm">
              {plan.notes.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          )}
          {plan.assignments.length > 0 ? (
            <Table aria-label="Per-User licenses after migration">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>User</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.assignments.map((a) => (
                  <Table.Tr key={a.userId}>
                    <Table.Td>{a.email}</Table.Td>
                    <Table.Td>{a.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm" c="dimmed">
              No per-User assignments in this plan.
            </Text>
          )}
        </Stack>
      )}
      <ScheduledRenewals orgId={orgId} productId={productId} />
    </Stack>
  );
}
