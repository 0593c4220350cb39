import { useState } from 'react';
import { Badge, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { call, type CallFailure } from '../../agent';
import { FailureAlert } from '../../lib/failure-alert';
import { saveTextFile } from '../../lib/save-text-file';
import { useSetupStore } from './setup-store';

const VIRTUALIZATION_LABEL = {
  physical: 'Physical machine',
  'virtual-machine': 'Virtual machine',
  container: 'Container',
  unknown: 'Unknown hardware',
} as const;

/** Step 3 and Status: this machine's ID (R11, R12) to copy or send to the admin as a request file. */
export function MachineIdCard() {
  const machine = useSetupStore((s) => s.machine);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  if (!machine) return null;

  const saveRequest = async () => {
    const result = await call((a) => a.machineSaveRequest({}));
    if (result.ok) saveTextFile(result.value.fileName, result.value.content);
    setFailure(result.ok ? null : result.error);
  };

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        This ID belongs to this computer and your user account. Your admin needs it to create an offline
        license.
      </Text>
      <Group gap="sm">
        <Code fz="lg" data-testid="machine-id">
          {machine.machineId}
        </Code>
        <CopyButton value={machine.machineId}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy} aria-label="Copy machine ID">
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
        <Badge variant="outline">{VIRTUALIZATION_LABEL[machine.virtualization]}</Badge>
      </Group>
      <Button variant="default" onClick={() => void saveRequest()} w="fit-content">
        Save request file for the admin
      </Button>
      <FailureAlert failure={failure} />
    </Stack>
  );
}
