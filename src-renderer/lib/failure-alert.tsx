import { Alert } from '@mantine/core';

/** The refusal shape every IPC call returns, reduced to what a person needs to read. */
export interface ShownFailure {
  readonly code: string;
  readonly message: string;
}

/** Shows a refusal with the server's or agent's own sentence, and its code for support. */
export function FailureAlert({ failure, title }: { failure: ShownFailure | null; title?: string }) {
  if (!failure) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? 'That did not work'}
      role="alert"
      data-code={failure.code}
    >
      {failure.message} <span style={{ opacity: 0.7 }}>({failure.code})</span>
    </Alert>
  );
}
