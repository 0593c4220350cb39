// Component tests for the License Management sections (R16, R21–R23): each reads its page from the
// agent and sends the change an admin asks for, with the exact payload the IPC contract expects.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { AdminPage } from '../../src-renderer/features/admin/admin-page';
import { useMeStore } from '../../src-renderer/features/account/me-store';
import { LicensedUsersSection } from '../../src-renderer/features/admin/licenses/licensed-users-section';
import { MachinesSection } from '../../src-renderer/features/admin/licenses/machines-section';
import { OfflineLicensesSection } from '../../src-renderer/features/admin/licenses/offline-licenses-section';
import { OnlineLicensesSection } from '../../src-renderer/features/admin/licenses/online-licenses-section';
import { SubscriptionDetails } from '../../src-renderer/features/admin/licenses/subscription-details';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, ORG_ID, USER_ID, kseSubscription, me } from './support/fixtures';
import { renderUi } from './support/render';

const page = <T,>(items: T[]) => ({ items, total: items.length });
const SESSION = '99999999-9999-4999-8999-999999999999';
const at = '2026-11-20T09:30:00.000Z';

afterEach(() => {
  cleanup();
  useAdminStore.setState({
    orgId: null,
    productId: null,
    subscriptions: [],
    subscriptionsFailure: null,
    failure: null,
    notice: null,
  });
  useMeStore.setState({ me: null });
});

const cellsOf = async (table: string) => {
  const grid = await screen.findByRole('table', { name: table });
  await waitFor(() => expect(within(grid).getAllByRole('row').length).toBeGreaterThan(1));
  return within(grid)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
};

describe('Subscription details', () => {
  it('R16 shows Subscribed, Available, Machine Quota and Expiry Date with the license kind', () => {
    renderUi(<SubscriptionDetails subscription={kseSubscription} />);
    expect(screen.getByTestId('figure-subscribed-licenses').textContent).toBe('2');
    expect(screen.getByTestId('figure-available-licenses').textContent).toBe('0');
    expect(screen.getByTestId('figure-machine-quota').textContent).toBe('1 / 6');
    expect(screen.getByTestId('figure-expiry-date').textContent).toMatch(/2027/);
    expect(screen.getByText('Per-User')).toBeTruthy();
    expect(screen.getByText('Offline licenses allowed')).toBeTruthy();
  });
});

describe('Online Licenses', () => {
  it('R16 R22 lists the machine IDs holding an online license, with user and kind', async () => {
    const agent = installFakeAgent({
      adminListOnlineLicenses: answer(
        page([
          {
            machineId: MACHINE_ID,
            userId: USER_ID,
            userEmail: 'ada@acme.test',
            licenseKind: 'per-user' as const,
            activatedAt: at,
            lastSeenAt: at,
          },
        ]),
      ),
    });
    renderUi(<OnlineLicensesSection orgId={ORG_ID} productId="kse" />);
    const [row] = await cellsOf('Online licenses');
    expect(row?.slice(0, 3)).toEqual([MACHINE_ID, 'ada@acme.test', 'Per-User']);
    expect(agent.calls.adminListOnlineLicenses).toHaveBeenCalledWith(
      expect.objectContaining({ orgId: ORG_ID, productId: 'kse' }),
    );
  });

  it('says so when no machine holds one', async () => {
    installFakeAgent({ adminListOnlineLicenses: answer(page([])) });
    renderUi(<OnlineLicensesSection orgId={ORG_ID} productId="kse" />);
    expect(await screen.findByText('No machine holds an online license.')).toBeTruthy();
  });
});

describe('Offline Licenses', () => {
  it('R5 R8 lists generated files with machine ID, file name and creator', async () => {
    installFakeAgent({
      adminListOfflineLicenses: answer(
        page([
          {
            licenseId: 'lic-1',
            machineId: MACHINE_ID,
            fileName: `KSE_${MACHINE_ID}.lic`,
            createdAt: at,
            expiresAt: '2026-12-31T12:00:00.000Z',
            createdBy: 'owner@acme.test',
          },
        ]),
      ),
    });
    renderUi(
      <OfflineLicensesSection
        orgId={ORG_ID}
        productId="kse"
        offlineAllowed
        subscriptionEnds="2027-01-31T00:00:00.000Z"
      />,
    );
    const [row] = await cellsOf('Offline licenses');
    expect(row?.[0]).toBe(MACHINE_ID);
    expect(row?.[1]).toBe(`KSE_${MACHINE_ID}.lic`);
    expect(row?.[4]).toBe('owner@acme.test');
    expect(screen.getByRole('button', { name: 'Create and save .lic' })).toBeTruthy();
  });

  it('R5 offers no form for a product without offline licenses', async () => {
    installFakeAgent({ adminListOfflineLicenses: answer(page([])) });
    renderUi(
      <OfflineLicensesSection
        orgId={ORG_ID}
        productId="testops-full"
        offlineAllowed={false}
        subscriptionEnds={null}
      />,
    );
    expect(screen.getByText(/only KSE and KRE do/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create and save .lic' })).toBeNull();
    expect(await screen.findByText('No offline license has been generated.')).toBeTruthy();
  });
});

describe('Registered Machines', () => {
  const machine = {
    machineId: MACHINE_ID,
    virtualization: 'container' as const,
    userEmail: 'ada@acme.test',
    online: true,
    offline: true,
    activeSession: { sessionId: SESSION, startedAt: at },
    firstSeenAt: at,
    lastSeenAt: at,
  };

  it('R16 R21 shows how each machine uses the product, and R23 removes it or force-releases its session', async () => {
    const agent = installFakeAgent({
      adminListMachines: answer({ ...page([machine]), next: null }),
      adminListSubscriptions: answer([kseSubscription]),
      adminForceRelease: answer({ done: true as const }),
      adminRemoveMachine: answer({ done: true as const }),
    });
    useAdminStore.setState({ orgId: ORG_ID, productId: 'kse' });
    renderUi(<MachinesSection orgId={ORG_ID} productId="kse" />);
    const [row] = await cellsOf('Registered machines');
    expect(row?.slice(0, 3)).toEqual([MACHINE_ID, 'ada@acme.test', 'onlineofflinecontainer']);
    fireEvent.click(screen.getByRole('button', { name: `Force-release the session on ${MACHINE_ID}` }));
    await waitFor(() =>
      expect(agent.calls.adminForceRelease).toHaveBeenCalledWith({ orgId: ORG_ID, sessionId: SESSION }),
    );
    await waitFor(() => expect(useAdminStore.getState().notice).toBe('Session released.'));
    fireEvent.click(screen.getByRole('button', { name: `Remove machine ${MACHINE_ID}` }));
    await waitFor(() =>
      expect(agent.calls.adminRemoveMachine).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kse',
        machineId: MACHINE_ID,
      }),
    );
  });

  it('filters by machine ID or e-mail on the server', async () => {
    const agent = installFakeAgent({ adminListMachines: answer({ ...page([machine]), next: null }) });
    renderUi(<MachinesSection orgId={ORG_ID} productId="kse" />);
    await cellsOf('Registered machines');
    fireEvent.change(screen.getByLabelText('Filter by machine ID or e-mail'), { target: { value: ' ada ' } });
    await waitFor(() =>
      expect(agent.calls.adminListMachines).toHaveBeenCalledWith(expect.objectContaining({ query: 'ada' })),
    );
  });
});

describe('Licensed Users', () => {
  it('R23 removes a licensed user and shows the server’s refusal when it says no', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer({ ...page([]), freePlanWarning: null }),
      adminListLicensedUsers: answer(
        page([{ userId: USER_ID, email: 'ada@acme.test', name: 'Ada', assignedAt: at, lastActiveAt: null }]),
      ),
      adminRemoveLicensedUser: async () =>
        fail('NOT_FOUND', 'Ada holds no Katalon Studio Enterprise license.'),
    });
    renderUi(<LicensedUsersSection orgId={ORG_ID} productId="kse" />);
    const [row] = await cellsOf('Licensed users');
    expect(row?.slice(0, 2)).toEqual(['Ada', 'ada@acme.test']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove license from ada@acme.test' }));
    await waitFor(() =>
      expect(agent.calls.adminRemoveLicensedUser).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kse',
        userId: USER_ID,
      }),
    );
    await waitFor(() => expect(useAdminStore.getState().failure?.message).toMatch(/holds no Katalon/));
  });
});

describe('Admin console page', () => {
  it('R15 lists only the organizations the user manages, and falls back to the catalog when subscriptions cannot be read', async () => {
    installFakeAgent({
      adminListSubscriptions: async () => fail('SERVER_UNAVAILABLE', 'The license server is unreachable.'),
      adminListMembers: answer({ ...page([]), freePlanWarning: null }),
      adminListLicensedUsers: answer(page([])),
      adminListOnlineLicenses: answer(page([])),
      adminListOfflineLicenses: answer(page([])),
      adminListMachines: answer({ ...page([]), next: null }),
    });
    useMeStore.setState({ me: me('admin') });
    renderUi(<AdminPage />);
    expect(await screen.findByText('Subscription details are unavailable')).toBeTruthy();
    expect(screen.getByText(/Products are listed from the catalog/)).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'License Management' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Licensed Users' })).toBeTruthy();
  });

  it('R15 a member sees no organization to manage and no tabs', () => {
    installFakeAgent();
    useMeStore.setState({ me: me('member') });
    renderUi(<AdminPage />);
    expect(screen.queryByRole('tab')).toBeNull();
  });
});
