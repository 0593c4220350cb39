import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, ipcContract } from '../../../shared/contracts/ipc';
import { dispatchIpc } from '../../../shared/contracts/ipc-dispatch';
import { recordingAgent } from './recording-agent';

describe('dispatchIpc with hostile input', () => {
  it('never throws, always answers an envelope, and reaches the agent only with a payload its schema accepts', async () => {
    const channel = fc.oneof(
      fc.constantFrom(...IPC_CHANNELS),
      fc.string(),
      fc.constantFrom('__proto__', 'constructor', 'toString'),
    );
    await fc.assert(
      fc.asyncProperty(channel, fc.anything(), async (name, payload) => {
        const recording = recordingAgent();
        const result = await dispatchIpc(recording.agent, name, payload);
        expect(typeof result.ok).toBe('boolean');
        const known = (IPC_CHANNELS as readonly string[]).includes(name);
        const valid =
          known && ipcContract[name as keyof typeof ipcContract].request.safeParse(payload).success;
        expect(recording.calls.length).toBe(valid ? 1 : 0);
        if (!valid) expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses inherited object keys as channel names', async () => {
    const recording = recordingAgent();
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) {
      await expect(dispatchIpc(recording.agent, name, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(recording.calls).toEqual([]);
  });
});
