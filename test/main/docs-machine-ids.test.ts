import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMachineId } from '../../shared/machine-id/machine-id-format';

const DOCS = [
  'README.md',
  'docs/cli.md',
  'docs/agent.md',
  'docs/server.md',
  'docs/electron.md',
  'docs/ui.md',
];
const MACHINE_ID = /(?<![0-9A-Z])[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}(?![0-9A-Z])/g;

describe('machine IDs printed in the documentation', () => {
  it('R12 every example machine ID passes its own check character, so copying it never fails', async () => {
    const files = [...DOCS, ...(await readdir('docs/adr')).map((f) => join('docs/adr', f))];
    const examples: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8').catch(() => '');
      examples.push(...(text.match(MACHINE_ID) ?? []).filter((id) => id !== 'XXXX-XXXX-XXXX-XXXX'));
    }
    expect(examples.length).toBeGreaterThan(0);
    for (const id of examples) expect(parseMachineId(id).ok, id).toBe(true);
  });
});
