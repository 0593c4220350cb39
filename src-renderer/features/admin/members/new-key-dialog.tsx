import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

/** A member's new API key as the server answered it, held only while the dialog is open. */
export interface ShownKey {
  readonly email: string;
  readonly apiKey: string;
}

/**
 * Shows a newly issued API key exactly once (R15): the server keeps only its hash and the app keeps
 * nothing, so closing the dialog forgets it. The owner of the panel clears its state on `onClose`.
 */
export function NewKeyDialog({ shown, onClose }: { shown: ShownKey | null; onClose: () => void }) {
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title="New API key"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {shown && (
        <Stack gap="sm">
          <Text size="sm">
            This is the API key of <strong>{shown.email}</strong>. Give it to them now: it is shown only once
            and cannot be read again. Their earlier keys no longer work.
          </Text>
          {/* Wrapped, so the key never needs a scrollbar a keyboard cannot reach. */}
          <Code
            block
            aria-label="The new API key"
            data-testid="new-api-key"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {shown.apiKey}
          </Code>
          <Alert color="yellow" variant="light">
            Send it over a channel only they can read. If it is lost, reissue another one.
          </Alert>
          <Group justify="flex-end">
            <CopyButton value={shown.apiKey}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>I have passed it on</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
