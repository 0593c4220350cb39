import { useEffect, useState } from 'react';
import { Alert, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { IpcResponse } from '../../../../shared/contracts/ipc';
import { call } from '../../../agent';
import { formatDate, LICENSE_KIND_LABEL } from '../../../lib/format';
import { countPhrase } from '../../../../shared/domain/count-phrase';
import { useAdminStore } from '../admin-store';

type Order = IpcResponse<'admin:list-renewals'>['orders'][number];
const kind = (k: string) => LICENSE_KIND_LABEL[k] ?? k;
// A coloured dot beside text in the body colour: readable in both themes (axe checks contrast in e2e).
const STATUS_COLOR: Record<Order['status'], string> = {
  scheduled: 'blue',
  applied: 'green',
  failed: 'red',
  cancelled: 'gray',
};

/** One order: when it is due, the lines of the new term with the rule that decided each, and who gets which per-User license. */
function RenewalCard({ order }: { order: Order }) {
  const plan = order.plan;
  return (
    <Card withBorder padding="sm" data-testid={`renewal-${order.id}`}>
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Due {formatDate(order.dueAt)} · new end {formatDate(order.endsAt)}
            {order.quantity !== null ? ` · ${countPhrase(order.quantity, 'license')}` : ''}
          </Text>
          <Badge variant="dot" color={STATUS_COLOR[order.status]} size="sm">
            {order.status}
          </Badge>
        </Group>
        {order.failure && (
          <Alert color="red" title={order.failure.code}>
            {order.failure.message}
          </Alert>
        )}
        {plan && (
          <>
            <Text size="sm">
              {order.planIsPreview ? 'Will apply: ' : 'Applied: '}
              {plan.reason}
            </Text>
            <List size="sm" aria-label="Lines of the new term">
              {plan.lines.map((l) => (
                <List.Item key={`${l.licenseKind}-${l.startsAt}`}>
                  {l.rule ?? 'As is'}: {l.count} {kind(l.licenseKind)} from {formatDate(l.startsAt)} to{' '}
                  {formatDate(l.endsAt)}
                </List.Item>
              ))}
            </List>
            {plan.grants.length > 0 && (
              <Table aria-label="Per-User licenses in the new term">
                <Table.Tbody>
                  {plan.grants.map((g) => (
                    <Table.Tr key={g.userId}>
                      <Table.Td>#{g.rank}</Table.Td>
                      <Table.Td>{g.email || g.userId}</Table.Td>
                      <Table.Td>{g.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {plan.released.map((r) => (
              <Text key={r.userId} size="sm" c="orange">
                {r.email || r.userId}: {r.reason}
              </Text>
            ))}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The organization's scheduled and past renewals for one product, each with the plan it will apply or applied (R28–R30). */
export function ScheduledRenewals({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const [orders, setOrders] = useState<Order[] | null>(null);
  useEffect(() => {
    let live = true;
    void call((a) => a.adminListRenewals({ orgId })).then(
      (r) => live && setOrders(r.ok ? r.value.orders.filter((o) => o.productId === productId) : []),
    );
    return () => {
      live = false;
    };
  }, [orgId, productId, version]);
  return (
    <Stack gap="xs">
      <Title order={5}>Scheduled renewals</Title>
      {orders === null ? (
        <Text size="sm" c="dimmed">
          Loading renewals…
        </Text>
      ) : orders.length === 0 ? (
        <Text size="sm" c="dimmed">
          No renewals are scheduled for this product.
        </Text>
      ) : (
        orders.map((o) => <RenewalCard key={o.id} order={o} />)
      )}
    </Stack>
  );
}
