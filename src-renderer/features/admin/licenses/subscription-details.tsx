import { Badge, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import type { IpcResponse } from '../../../../shared/contracts/ipc';
import { LICENSE_KIND_LABEL, formatDate } from '../../../lib/format';

type Subscription = IpcResponse<'admin:get-subscription'>;

/** The R16 header: Subscribed, Available, Machine Quota and Expiry Date of one product. */
export function SubscriptionDetails({ subscription }: { subscription: Subscription }) {
  const figures: [string, string][] = [
    ['Subscribed Licenses', String(subscription.subscribed)],
    ['Available Licenses', String(subscription.available)],
    ['Machine Quota', `${subscription.machinesRegistered} / ${subscription.machineQuota}`],
    ['Expiry Date', formatDate(subscription.expiresAt)],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-label="Subscription details">
      <Group gap="xs" mb="sm">
        <Badge variant="light">
          {LICENSE_KIND_LABEL[subscription.licenseKind] ?? subscription.licenseKind}
        </Badge>
        <Badge variant="outline">{subscription.billingCycle}</Badge>
        {subscription.offlineAllowed && <Badge variant="outline">Offline licenses allowed</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {figures.map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600} size="lg" data-testid={`figure-${label.toLowerCase().replaceAll(' ', '-')}`}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
