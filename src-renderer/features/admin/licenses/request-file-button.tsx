import { Button, FileButton } from '@mantine/core';

/** Picks the machine-ID request file a user saved from their Setup screen. */
export function RequestFileButton({ onFile }: { onFile: (file: File) => void }) {
  return (
    <FileButton
      onChange={(file) => file && onFile(file)}
      accept=".txt,.json,.req,text/plain,application/json"
    >
      {(props) => (
        <Button {...props} variant="default">
          Load request file…
        </Button>
      )}
    </FileButton>
  );
}
