import { Alert } from '@mantine/core';

/**
 * Says where a member's new API key went (R15): main showed it in a separate window and kept it nowhere;
 * the renderer never receives it. `email` names the member; null hides the note.
 */
export function KeyHandedOverNote({ email, onClose }: { email: string | null; onClose: () => void }) {
  if (email === null) return null;
  return (
    <Alert
      role="status"
      color="blue"
      variant="light"
      title={`New API key for ${email}`}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      The new key was shown in a separate window; it is not kept anywhere. If it was not passed on, reissue
      another one.
    </Alert>
  );
}
