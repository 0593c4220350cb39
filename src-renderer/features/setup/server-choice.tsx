import { useState } from 'react';
import { Button, Radio, Stack, Text, TextInput } from '@mantine/core';
import { serverConfigSchema } from '../../../shared/contracts/ipc-agent';
import { useSetupStore } from './setup-store';

/** Step 1 of first run: a license server URL, or the server embedded in this app. */
export function ServerChoice() {
  const server = useSetupStore((s) => s.server);
  const busy = useSetupStore((s) => s.busy);
  const chooseServer = useSetupStore((s) => s.chooseServer);
  const current = server?.config;
  const [mode, setMode] = useState<'remote' | 'embedded'>(current?.mode ?? 'remote');
  const [url, setUrl] = useState(current?.mode === 'remote' ? current.url : '');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = serverConfigSchema.safeParse(mode === 'remote' ? { mode, url: url.trim() } : { mode });
    if (!parsed.success) {
      setError('Enter the full address of your license server, starting with https:// or http://.');
      return;
    }
    setError(null);
    await chooseServer(parsed.data);
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Radio.Group
          label="Where is your license server?"
          value={mode}
          onChange={(value) => setMode(value === 'embedded' ? 'embedded' : 'remote')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="remote" label="My organization's license server (URL)" />
            <Radio
              value="embedded"
              label="Embedded server on this computer (single workstation, evaluation)"
            />
          </Stack>
        </Radio.Group>
        {mode === 'remote' && (
          <TextInput
            label="Server URL"
            placeholder="https://licenses.example.com"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={error}
            autoComplete="url"
          />
        )}
        {server?.activeUrl && (
          <Text size="sm" c="dimmed">
            Connected to {server.activeUrl}
          </Text>
        )}
        <Button type="submit" loading={busy} w="fit-content">
          Use this server
        </Button>
      </Stack>
    </form>
  );
}
