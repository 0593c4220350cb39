import { Stack, Title } from '@mantine/core';
import { TitledSection } from '../../lib/titled-section';
import { FailureAlert } from '../../lib/failure-alert';
import { ApiKeyForm } from './api-key-form';
import { MachineIdCard } from './machine-id-card';
import { ServerChoice } from './server-choice';
import { useSetupStore } from './setup-store';

/** First run and settings: server, API key, machine ID, as three labelled sections in order. */
export function SetupPage() {
  const failure = useSetupStore((s) => s.failure);
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
    </Stack>
  );
}
