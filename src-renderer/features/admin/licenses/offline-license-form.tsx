import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { parseMachineId } from '../../../../shared/machine-id/machine-id-format';
import { call } from '../../../agent';
import { readTextFile } from '../../../lib/read-text-file';
import { saveTextFile } from '../../../lib/save-text-file';
import { useAdminStore } from '../admin-store';
import { RequestFileButton } from './request-file-button';
import { machineIdFromRequest } from './request-file';

/** Creates an offline license (R8) from a typed or loaded machine ID, checked as typed; expiry defaults to the subscription end (R6). */
export function OfflineLicenseForm(props: {
  orgId: string;
  productId: string;
  subscriptionEnds: string | null;
}) {
  const { orgId, productId, subscriptionEnds } = props;
  const change = useAdminStore((s) => s.change);
  const [typed, setTyped] = useState('');
  const [expiry, setExpiry] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const parsed = typed.trim() ? parseMachineId(typed) : null;
  const maxDate = subscriptionEnds?.slice(0, 10);

  const loadRequest = async (file: File) => {
    const text = await readTextFile(file);
    setTyped(text.ok ? (machineIdFromRequest(text.value) ?? text.value.trim().slice(0, 64)) : '');
  };

  const create = async () => {
    if (!parsed?.ok) return;
    const expiresAt = expiry ? new Date(`${expiry}T23:59:59.000Z`).toISOString() : undefined;
    const result = await change(
      () =>
        call((a) =>
          a.adminCreateOfflineLicense({
            orgId,
            productId,
            machineId: parsed.value,
            ...(expiresAt ? { expiresAt } : {}),
          }),
        ),
      'Offline license created.',
    );
    if (result.ok) {
      saveTextFile(result.value.fileName, result.value.content);
      setSaved(result.value.fileName);
      setTyped('');
    }
  };

  return (
    <Stack gap="xs">
      <Group align="start">
        <TextInput
          label="User's machine ID"
          placeholder="ABCD-EFGH-JKMN-PQRS"
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          error={parsed && !parsed.ok ? parsed.error.message : undefined}
          description={
            parsed?.ok ? `Reads as ${parsed.value}` : 'Type it, or load the request file the user saved.'
          }
          w={320}
          spellCheck={false}
        />
        <TextInput
          type="date"
          label="Expiry (optional)"
          description={
            maxDate
              ? `At the latest ${maxDate}, the subscription end`
              : "Empty: the subscription end, or the signing key's end if earlier"
          }
          value={expiry}
          max={maxDate}
          onChange={(e) => setExpiry(e.currentTarget.value)}
          w={220}
        />
      </Group>
      <Group>
        <RequestFileButton onFile={(file) => void loadRequest(file)} />
        <Button disabled={!parsed?.ok} onClick={() => void create()}>
          Create and save .lic
        </Button>
      </Group>
      {saved && (
        <Text size="sm" role="status">
          Saved {saved}. Send it to the user; it works only on that machine.
        </Text>
      )}
    </Stack>
  );
}
