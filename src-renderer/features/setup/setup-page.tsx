import { Button, Stack, Title } from '@mantine/core';
import { useNavStore } from '../shell/nav-store';
import { TitledSection } from '../../lib/titled-section';
import { FailureAlert } from '../../lib/failure-alert';
import { ApiKeyForm } from './api-key-form';
import { MachineIdCard } from './machine-id-card';
import { ServerChoice } from './server-choice';
import { useSetupStore } from './setup-store';

/** First run and settings: server, API key, machine ID, as three labelled sections in order. */
export function SetupPage() {
  const failure = useSetupStore((s) => s.failure);
  const configured = useSetupStore((s) => Boolean(s.server?.config) && Boolean(s.key?.hasKey));
  const go = useNavStore((s) => s.go);
  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>Set up Tessera</Title>
      <FailureAlert failure={failure} />
      <TitledSection card id="setup-server" title="1. License server">
        <ServerChoice />
      </TitledSection>
      <TitledSection card id="setup-key" title="2. API key">
        <ApiKeyForm />
      </TitledSection>
      <TitledSection card id="setup-machine" title="3. This machine">
        <MachineIdCard />
      </TitledSection>
      {configured && (
        <Button onClick={() => go('status')} w="fit-content">
          Continue to license status
        </Button>
      )}
    </Stack>
  );
}
