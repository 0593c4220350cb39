import { describe, expect, it } from 'vitest';
import { machineIdFromRequest } from '../../src-renderer/features/admin/licenses/request-file';
import { MACHINE_ID } from './support/fixtures';

describe('machine request file', () => {
  it('R8 reads the machine ID from the JSON request a user saved', () => {
    const file = JSON.stringify({
      kind: 'tessera-machine-request',
      machineId: MACHINE_ID,
      virtualization: 'physical',
      createdAt: '2026-11-23T10:00:00.000Z',
    });
    expect(machineIdFromRequest(file)).toBe(MACHINE_ID);
  });

  it('finds an ID in plain text, and nothing in text without one', () => {
    expect(machineIdFromRequest(`My machine: ${MACHINE_ID}\n`)).toBe(MACHINE_ID);
    expect(machineIdFromRequest('tessera-machine-request 2026-11-23')).toBeNull();
  });
});
