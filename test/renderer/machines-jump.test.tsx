import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MachinesSection } from '../../src-renderer/features/admin/licenses/machines-section';
import { ok } from '../../shared/result';
import { installFakeAgent } from './support/fake-agent';
import { ORG_ID } from './support/fixtures';
import { renderUi } from './support/render';

afterEach(cleanup);

const machine = (machineId: string, lastSeenAt: string) => ({
  machineId,
  virtualization: 'physical' as const,
  userEmail: null,
  online: true,
  offline: false,
  activeSession: null,
  firstSeenAt: lastSeenAt,
  lastSeenAt,
});

describe('Registered Machines section', () => {
  it('R16 jumps by last-seen day with a keyset request (offset 0, seenAtOrBefore), never a deep offset', async () => {
    const agent = installFakeAgent({
      adminListMachines: async (payload) =>
        ok({
          items: [
            payload.seenAtOrBefore === undefined
              ? machine('NEWEST-1', '2026-11-29T10:00:00.000Z')
              : machine('OLDER-1', '2026-03-01T10:00:00.000Z'),
          ],
          total: 100_000,
          next: null,
        }),
    });
    renderUi(<MachinesSection orgId={ORG_ID} productId="kre" />);
    expect(await screen.findByText('NEWEST-1')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Jump to last seen on or before'), {
      target: { value: '2026-03-01' },
    });
    expect(await screen.findByText('OLDER-1')).toBeTruthy();
    const jump = agent.calls.adminListMachines.mock.calls.at(-1)?.[0];
    expect(jump?.page.offset).toBe(0);
    expect(jump?.seenAtOrBefore).toBe(new Date('2026-03-01T23:59:59.999').toISOString());
    fireEvent.click(screen.getByRole('button', { name: 'Newest first' }));
    await waitFor(() => expect(screen.getByText('NEWEST-1')).toBeTruthy());
    expect(agent.calls.adminListMachines.mock.calls.every(([p]) => p.page.offset === 0)).toBe(true);
  });
});
