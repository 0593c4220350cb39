import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { MachinesSection } from '../../src-renderer/features/admin/licenses/machines-section';
import { MembersPanel } from '../../src-renderer/features/admin/members/members-panel';
import { LiveSessionsSection } from '../../src-renderer/features/admin/sessions/live-sessions-section';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, ORG_ID } from './support/fixtures';
import { membersPage } from './support/people-fixtures';
import { renderUi } from './support/render';

// The members, live sessions and machines tables share one search toolbar: each sends what was typed to
// the server, and Escape (or the clear button) brings the unfiltered table back.
afterEach(() => {
  cleanup();
  useAdminStore.setState({ failure: null, notice: null, version: 0 });
});

const noRows = { items: [], total: 0 };
const machine = (activeSession: { sessionId: string; startedAt: string } | null) => ({
  machineId: MACHINE_ID,
  virtualization: 'virtual-machine' as const,
  userEmail: null,
  online: false,
  offline: true,
  activeSession,
  firstSeenAt: '2026-11-01T10:00:00.000Z',
  lastSeenAt: '2026-11-29T10:00:00.000Z',
});

type Case = { name: string; label: string; ui: () => ReactElement; list: () => ListSpy };
/** The list method's spy, read only for its calls. */
type ListSpy = { mock: { calls: readonly (readonly unknown[])[] } };

describe('searchable admin tables', { timeout: 60_000 }, () => {
  const cases: Case[] = [
    {
      name: 'Members',
      label: 'Search by name or e-mail',
      ui: () => <MembersPanel orgId={ORG_ID} />,
      list: () => installFakeAgent({ adminListMembers: answer(membersPage([])) }).calls.adminListMembers,
    },
    {
      name: 'Live Sessions',
      label: 'Filter by user or machine ID',
      ui: () => <LiveSessionsSection orgId={ORG_ID} productId="kre" />,
      list: () => installFakeAgent({ adminListLiveSessions: answer(noRows) }).calls.adminListLiveSessions,
    },
    {
      name: 'Registered Machines',
      label: 'Filter by machine ID or e-mail',
      ui: () => <MachinesSection orgId={ORG_ID} productId="kre" />,
      list: () =>
        installFakeAgent({ adminListMachines: answer({ ...noRows, next: null }) }).calls.adminListMachines,
    },
  ];

  for (const { name, label, ui, list } of cases)
    it(`${name}: Escape after a search reads the table again without a query`, async () => {
      const calls = list();
      renderUi(ui());
      const box = screen.getByLabelText(label) as HTMLInputElement;
      fireEvent.change(box, { target: { value: 'grace' } });
      await waitFor(() =>
        expect(calls).toHaveBeenLastCalledWith(expect.objectContaining({ query: 'grace' })),
      );
      fireEvent.keyDown(box, { key: 'Escape' });
      expect(box.value).toBe('');
      await waitFor(() => expect(calls.mock.calls.at(-1)?.[0]).not.toHaveProperty('query'));
      expect(screen.queryByRole('button', { name: `Clear: ${label}` })).toBeNull();
    });

  it('Members and Live Sessions say so when nothing matches or nothing runs', async () => {
    installFakeAgent({ adminListMembers: answer(membersPage([])), adminListLiveSessions: answer(noRows) });
    renderUi(
      <>
        <MembersPanel orgId={ORG_ID} />
        <LiveSessionsSection orgId={ORG_ID} productId="kre" />
      </>,
    );
    expect(await screen.findByText('No member matches.')).toBeTruthy();
    expect(await screen.findByText('No session of this product is running.')).toBeTruthy();
  });

  it('R16 Registered Machines tells an empty product from a jump past every machine', async () => {
    installFakeAgent({ adminListMachines: answer({ ...noRows, next: null }) });
    renderUi(<MachinesSection orgId={ORG_ID} productId="kre" />);
    expect(await screen.findByText('No machine is registered for this product.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Jump to last seen on or before'), {
      target: { value: '2020-01-01' },
    });
    expect(await screen.findByText('No machine was last seen on or before that day.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Newest first' }));
    expect(await screen.findByText('No machine is registered for this product.')).toBeTruthy();
  });

  it('R21 offers force-release only on a machine with a running session, and R23 shows a refused removal', async () => {
    const agent = installFakeAgent({
      adminListMachines: answer({ items: [machine(null)], total: 1, next: null }),
      adminRemoveMachine: async () => fail('FORBIDDEN_ROLE', 'Only an Owner or Admin can remove a machine.'),
    });
    renderUi(<MachinesSection orgId={ORG_ID} productId="kre" />);
    expect(await screen.findByText(MACHINE_ID)).toBeTruthy();
    expect(screen.getByText('virtual-machine')).toBeTruthy();
    expect(screen.queryByText('online')).toBeNull();
    expect(screen.queryByRole('button', { name: `Force-release the session on ${MACHINE_ID}` })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Remove machine ${MACHINE_ID}` }));
    await waitFor(() =>
      expect(useAdminStore.getState().failure?.message).toBe('Only an Owner or Admin can remove a machine.'),
    );
    expect(agent.calls.adminListMachines).toHaveBeenCalledTimes(1);
    expect(screen.getByText(MACHINE_ID)).toBeTruthy();
  });
});
