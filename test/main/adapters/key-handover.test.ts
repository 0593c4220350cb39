import { describe, expect, it } from 'vitest';
import { messageBoxKeyHandover, type ShowMessageBox } from '../../../src-main/adapters/key-handover';

const KEY = 'tsk_handover_0123456789abcdefghij';

/** Electron's dialog as a script of button presses (Electron cannot run here); records every box shown. */
const scripted = (presses: number[]) => {
  const boxes: Parameters<ShowMessageBox>[0][] = [];
  const copied: string[] = [];
  const handover = messageBoxKeyHandover({
    showMessageBox: async (options) => {
      boxes.push(options);
      return { response: presses.shift() ?? 1 };
    },
    copyToClipboard: (text) => void copied.push(text),
  });
  return { handover, boxes, copied };
};

describe('the desktop key window', () => {
  it('R15 shows the member and the key with "Copy to clipboard" and "Done"; Done closes it without copying', async () => {
    const { handover, boxes, copied } = scripted([1]);
    await handover.handOver({ email: 'cy@acme.test', apiKey: KEY });
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({
      title: 'New API key',
      message: 'The new API key of cy@acme.test',
      buttons: ['Copy to clipboard', 'Done'],
      cancelId: 1,
    });
    expect(boxes[0]?.detail.split('\n')[0]).toBe(KEY);
    expect(copied).toEqual([]);
  });

  it('R15 "Copy to clipboard" copies the key and shows the box again, saying so, until Done', async () => {
    const { handover, boxes, copied } = scripted([0, 1]);
    await handover.handOver({ email: 'cy@acme.test', apiKey: KEY });
    expect(copied).toEqual([KEY]);
    expect(boxes).toHaveLength(2);
    expect(boxes[0]?.detail).not.toContain('Copied to the clipboard.');
    expect(boxes[1]?.detail).toContain('Copied to the clipboard.');
  });
});
