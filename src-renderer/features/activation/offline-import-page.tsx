import { Alert, Loader, Group, Stack, Text, Title } from '@mantine/core';
import { FailureAlert } from '../../lib/failure-alert';
import { formatDate, formatDaysLeft } from '../../lib/format';
import { useActivationStore } from './activation-store';
import { explainImport } from './import-explanations';
import { LicenseDropZone } from './license-drop-zone';

/** Offline import: the file is read here, its content verified by the agent, the verdict explained. */
export function OfflineImportPage() {
  const phase = useActivationStore((s) => s.phase);
  const outcome = useActivationStore((s) => s.outcome);
  const failure = useActivationStore((s) => s.failure);
  const importFile = useActivationStore((s) => s.importFile);
  const importing = phase === 'importing';
  const ownResult = useActivationStore((s) => s.productId === null);

  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>Import an offline license</Title>
      <Text size="sm" c="dimmed">
        Offline licenses work without a network, on this machine only, until they expire. Your admin creates
        them from this machine’s ID.
      </Text>
      <LicenseDropZone onFile={(file) => void importFile(file)} disabled={importing} />
      {importing && (
        <Group role="status" aria-live="polite">
          <Loader size="sm" />
          <Text size="sm">Verifying signature, issuer, product, machine and dates…</Text>
        </Group>
      )}
      {ownResult && phase === 'failed' && failure && (
        <Stack gap="xs">
          <FailureAlert failure={failure} title="The license file was refused" />
          {explainImport(failure.code) && <Text size="sm">{explainImport(failure.code)}</Text>}
        </Stack>
      )}
      {ownResult && phase === 'done' && outcome && (
        <Alert color="green" title={`${outcome.productName} is licensed on this machine`} role="status">
          Verified offline license
          {outcome.organizationName ? ` from ${outcome.organizationName}` : ''}, valid until{' '}
          {formatDate(outcome.expiresAt)} ({formatDaysLeft(outcome.daysLeft)}).
        </Alert>
      )}
    </Stack>
  );
}
