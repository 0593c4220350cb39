import { useState, type DragEvent } from 'react';
import { Button, FileButton, Paper, Stack, Text } from '@mantine/core';

/** A drop target plus a file-picker button for .lic files; both hand the File to `onFile`. */
export function LicenseDropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <Paper
      withBorder
      p="xl"
      data-testid="license-drop-zone"
      onDragOver={(e: DragEvent<HTMLDivElement>) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-primary-color-filled)' : undefined,
        textAlign: 'center',
      }}
    >
      <Stack align="center" gap="sm">
        <Text>Drop a .lic file here, or</Text>
        <FileButton onChange={(file) => file && onFile(file)} accept=".lic,text/plain" disabled={disabled}>
          {(props) => (
            <Button {...props} variant="default">
              Choose license file…
            </Button>
          )}
        </FileButton>
      </Stack>
    </Paper>
  );
}
