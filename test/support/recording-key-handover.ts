import type { KeyHandover, NewMemberKey } from '../../src-main/adapters/key-handover';

/**
 * Stands in for the desktop app's key window where Electron cannot run (the e2e binding, server tests):
 * it records each key handed over, so a test can check the key reached the admin and nothing else.
 */
export interface RecordingKeyHandover extends KeyHandover {
  readonly shown: NewMemberKey[];
}

/** A handover that keeps what it was shown, in order; the last one is the newest. */
export const recordingKeyHandover = (): RecordingKeyHandover => {
  const shown: NewMemberKey[] = [];
  return {
    shown,
    handOver: async (key) => {
      shown.push(key);
    },
  };
};
