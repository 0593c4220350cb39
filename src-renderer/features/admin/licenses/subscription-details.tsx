import { Badge, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import type { IpcResponse } from '../../../../shared/contracts/ipc';
import { LICENSE_KIND_LABEL, formatDate } from '../../../lib/format';

type Subscription = IpcResponse<'admin:get-subscription'>;

/**
 * The R16 header: Subscribed, Available, Machine Quota and Expiry Date of one product. A sub-organization
 * drawing on an ancestor's subscription sees that subscription, says whose it is, and its own share (R13, R14).
 */
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
        {subscription.inheritedFrom && (
          <Badge variant="light" color="grape">
            Inherited from “{subscription.inheritedFrom.name}”
          </Badge>
        )}
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
      {subscription.share && (
        <Text size="sm" mt="sm" data-testid="organization-share">
          This organization: {subscription.share.dedicated} dedicated, {subscription.share.pool} in its pool,{' '}
          {subscription.share.assigned} in use, {subscription.share.available} available (as in the
          organization tree).
        </Text>
      )}
    </Paper>
  );
}
