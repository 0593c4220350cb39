import { Button, Group, Progress, Text } from '@mantine/core';
import { useActivationStore } from './activation-store';

/** Activate / deactivate one product online, with visible progress while the server answers. */
export function ProductActions({
  productId,
  productName,
  active,
}: {
  productId: string;
  productName: string;
  active: boolean;
}) {
  const phase = useActivationStore((s) => s.phase);
  const current = useActivationStore((s) => s.productId);
  const activate = useActivationStore((s) => s.activate);
  const deactivate = useActivationStore((s) => s.deactivate);
  const working = (phase === 'activating' || phase === 'deactivating') && current === productId;
  const anyWorking = phase === 'activating' || phase === 'deactivating' || phase === 'importing';

  return (
    <div>
      <Group gap="sm" mt="sm">
        <Button
          onClick={() => void activate(productId)}
          loading={working && phase === 'activating'}
          disabled={anyWorking && !working}
          aria-label={`Activate ${productName} online`}
        >
          {active ? 'Renew online' : 'Activate online'}
        </Button>
        {active && (
          <Button
            variant="default"
            onClick={() => void deactivate(productId)}
            loading={working && phase === 'deactivating'}
            disabled={anyWorking && !working}
            aria-label={`Deactivate ${productName}`}
          >
            Deactivate
          </Button>
        )}
      </Group>
      {working && (
        <div role="status" aria-live="polite">
          <Text size="sm" mt="xs">
            {phase === 'activating'
              ? 'Contacting the license server and verifying the lease…'
              : 'Releasing the license…'}
          </Text>
          <Progress value={100} animated striped mt={4} aria-label="Progress" />
        </div>
      )}
    </div>
  );
}
