import { useState } from 'react';
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useSetupStore } from './setup-store';

/** Step 2: the API key, masked, held only in this component's state until it is sent once to the keychain. */
export function ApiKeyForm() {
  const key = useSetupStore((s) => s.key);
  const busy = useSetupStore((s) => s.busy);
  const saveKey = useSetupStore((s) => s.saveKey);
  const deleteKey = useSetupStore((s) => s.deleteKey);
  const [apiKey, setApiKey] = useState('');

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const sent = apiKey.trim();
    setApiKey('');
    if (sent) await saveKey(sent);
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {key?.hasKey ? (
          <Group>
            <Text size="sm">An API key is stored in this computer's keychain.</Text>
            <Button variant="subtle" color="red" onClick={() => void deleteKey()}>
              Remove API key
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Find your API key in your account settings. It is stored in the system keychain, never shown
            again.
          </Text>
        )}
        <PasswordInput
          label={key?.hasKey ? 'Replace API key' : 'API key'}
          value={apiKey}
          onChange={(e) => setApiKey(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit" loading={busy} disabled={apiKey.trim().length === 0} w="fit-content">
          Save API key
        </Button>
      </Stack>
    </form>
  );
}
