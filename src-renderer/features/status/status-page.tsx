import { useEffect } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { FailureAlert } from '../../lib/failure-alert';
import { formatDateTime } from '../../lib/format';
import { useActivationStore } from '../activation/activation-store';
import { ActivateProductCard } from '../activation/activate-product-card';
import { ProductActions } from '../activation/product-actions';
import { MachineIdCard } from '../setup/machine-id-card';
import { ProductStatusCard } from './product-status-card';
import { useStatusStore } from './status-store';

const SERVER_MODE = {
  remote: 'License server',
  embedded: 'Embedded server',
  none: 'No server chosen',
} as const;

/** The home screen: every product's standing on this machine, its warnings, and the online actions. */
export function StatusPage() {
  const status = useStatusStore((s) => s.status);
  const failure = useStatusStore((s) => s.failure);
  const loading = useStatusStore((s) => s.loading);
  const refresh = useStatusStore((s) => s.refresh);
  const follow = useStatusStore((s) => s.follow);
  const actionFailure = useActivationStore((s) => s.failure);
  const phase = useActivationStore((s) => s.phase);

  useEffect(() => {
    void refresh();
    return follow();
  }, [refresh, follow]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>License status</Title>
        <Button variant="default" onClick={() => void refresh()} loading={loading}>
          Refresh
        </Button>
      </Group>
      <FailureAlert failure={failure} />
      {phase === 'failed' && <FailureAlert failure={actionFailure} title="Activation refused" />}
      {status && (
        <Text size="sm" c="dimmed">
          {SERVER_MODE[status.serverMode]}:{' '}
          {status.serverReachable === null
            ? 'not contacted yet'
            : status.serverReachable
              ? 'reachable'
              : 'unreachable'}{' '}
          · status as of {formatDateTime(status.checkedAt)}
        </Text>
      )}
      {status?.serverReachable === false && (
        <Alert color="yellow" title="The license server cannot be reached">
          Products activated online keep working on their lease until it ends. Check your network or the
          server address in Setup.
        </Alert>
      )}
      {status?.trust.evaluation && (
        <Alert color="blue" title="Evaluation build">
          This Tessera trusts only license servers started on this machine: their licenses are local
          evaluation licenses.
        </Alert>
      )}
      {status?.trust.policy.state === 'refused' && (
        <Alert color="red" title="Machine-wide trust policy ignored">
          {status.trust.policy.message}
        </Alert>
      )}
      <MachineIdCard />
      <ActivateProductCard present={status?.products.map((p) => p.productId) ?? []} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {status?.products.map((product) => (
          <ProductStatusCard
            key={product.productId}
            status={product}
            actions={
              <ProductActions
                productId={product.productId}
                productName={product.productName}
                active={product.source === 'lease' && product.state !== 'not-activated'}
              />
            }
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
