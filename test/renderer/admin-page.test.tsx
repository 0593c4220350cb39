import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AdminPage } from '../../src-renderer/features/admin/admin-page';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { useMeStore } from '../../src-renderer/features/account/me-store';
import { ipcContract } from '../../shared/contracts/ipc';
import { ok } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, kseSubscription, me } from './support/fixtures';
import { membersPage } from './support/people-fixtures';
import { renderUi } from './support/render';

// The console around the sections: tabs reachable from the keyboard, the organization picker, and the one
// place where the outcome of the last change is said.
const LAB = '88888888-8888-4888-8888-888888888888';
const emptyPage = { items: [], total: 0 };
const emptyCursorPage = { items: [], total: 0, next: null };

afterEach(() => {
  cleanup();
  useAdminStore.setState({ orgId: null, productId: null, subscriptions: [], failure: null, notice: null });
  useMeStore.setState({ me: null });
});

/** Every read the License Management tab makes, answered empty. */
const quietLicenseTab = {
  adminListSubscriptions: answer([kseSubscription]),
  adminListMembers: answer(membersPage()),
  adminListLicensedUsers: answer(emptyPage),
  adminListOnlineLicenses: answer(emptyPage),
  adminListOfflineLicenses: answer(emptyPage),
  adminListLiveSessions: answer(emptyPage),
  adminListMachines: answer(emptyCursorPage),
};

describe('Admin console page', { timeout: 60_000 }, () => {
  it('moves between tabs with the arrow keys, each tab reading the chosen organization and product', async () => {
    const agent = installFakeAgent({
      ...quietLicenseTab,
      adminGetUsage: answer({ productId: 'kse', points: [], now: { used: 1, quota: 2 } }),
      adminListAudit: answer(emptyPage),
    });
    useMeStore.setState({ me: me('owner') });
    renderUi(<AdminPage />);
    const licenses = await screen.findByRole('tab', { name: 'License Management' });
    expect(licenses.getAttribute('aria-selected')).toBe('true');
    await screen.findByTestId('figure-subscribed-licenses');
    fireEvent.click(screen.getByRole('tab', { name: 'Utilization' }));
    expect(await screen.findByText('1 of 2 licenses in use now.')).toBeTruthy();
    expect(agent.calls.adminGetUsage).toHaveBeenCalledWith(
      expect.objectContaining({ orgId: ORG_ID, productId: 'kse' }),
    );
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Utilization' }), { key: 'ArrowRight' });
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Audit log' }).getAttribute('aria-selected')).toBe('true'),
    );
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Audit log' }));
    await waitFor(() =>
      expect(agent.calls.adminListAudit).toHaveBeenCalledWith(
        expect.objectContaining({ orgId: ORG_ID, filter: expect.objectContaining({ productId: 'kse' }) }),
      ),
    );
  });

  it('R15 says the last refusal with its sentence and code, and a success as a status line', async () => {
    installFakeAgent(quietLicenseTab);
    useMeStore.setState({ me: me('admin') });
    renderUi(<AdminPage />);
    await screen.findByTestId('figure-subscribed-licenses');
    useAdminStore.setState({
      failure: { code: 'OTHER_ORGANIZATION', message: 'QA Europe is not in an organization you manage.' },
    });
    const alert = await screen.findByRole('alert', { name: /The server refused/ });
    expect(alert.textContent).toContain(
      'QA Europe is not in an organization you manage. (OTHER_ORGANIZATION)',
    );
    useAdminStore.setState({ failure: null, notice: 'Dedication saved.' });
    expect(
      await screen.findByText('Dedication saved.', { selector: '[role="status"] *, [role="status"]' }),
    ).toBeTruthy();
    expect(screen.queryByRole('alert', { name: /The server refused/ })).toBeNull();
  });

  it('R15 switching organization reads that organization’s subscriptions and clears the last outcome', async () => {
    const twoOrgs = ipcContract['account:get-me'].response.parse({
      ...me('owner'),
      organizations: [
        ...me('owner').organizations,
        { ...me('owner').organizations[0], id: LAB, name: 'Acme Lab', parentId: ORG_ID, role: 'admin' },
      ],
    });
    const agent = installFakeAgent({
      ...quietLicenseTab,
      adminListSubscriptions: async () => ok([kseSubscription]),
    });
    useMeStore.setState({ me: twoOrgs });
    renderUi(<AdminPage />);
    await screen.findByTestId('figure-subscribed-licenses');
    useAdminStore.setState({ notice: 'Dedication saved.' });
    const picker = screen.getByLabelText('Organization', { selector: 'input' });
    fireEvent.click(picker);
    const listbox = await waitFor(() => {
      const found = document.getElementById(picker.getAttribute('aria-controls') ?? '');
      if (!found) throw new Error('The organization list did not open.');
      return found;
    });
    fireEvent.click(within(listbox).getByRole('option', { name: 'Acme Lab (admin)', hidden: true }));
    await waitFor(() => expect(agent.calls.adminListSubscriptions).toHaveBeenLastCalledWith({ orgId: LAB }));
    expect(useAdminStore.getState().orgId).toBe(LAB);
    expect(screen.queryByText('Dedication saved.')).toBeNull();
  });
});
