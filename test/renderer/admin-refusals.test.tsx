import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AdminPage } from '../../src-renderer/features/admin/admin-page';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { useMeStore } from '../../src-renderer/features/account/me-store';
import { LICENSE_QUOTA_MESSAGE } from '../../shared/domain/quota';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, USER_ID, kseSubscription, me } from './support/fixtures';
import { renderUi } from './support/render';

const BOB = '44444444-4444-4444-8444-444444444444';
const page = <T,>(items: T[]) => ({ items, total: items.length });

afterEach(() => {
  cleanup();
  useAdminStore.setState({ orgId: null, productId: null, subscriptions: [], failure: null, notice: null });
});

describe('admin console', () => {
  it('R17 shows the server sentence when a grant would exceed the license quota', async () => {
    const agent = installFakeAgent({
      adminListSubscriptions: answer([kseSubscription]),
      adminListMembers: answer({
        ...page([
          {
            userId: USER_ID,
            email: 'ada@acme.test',
            name: 'Ada',
            role: 'owner' as const,
            licensedProducts: ['kse'],
          },
          { userId: BOB, email: 'bob@acme.test', name: 'Bob', role: 'member' as const, licensedProducts: [] },
        ]),
        freePlanWarning: null,
      }),
      adminListLicensedUsers: answer(
        page([
          {
            userId: USER_ID,
            email: 'ada@acme.test',
            name: 'Ada',
            assignedAt: '2026-11-01T00:00:00.000Z',
            lastActiveAt: null,
          },
        ]),
      ),
      adminListOnlineLicenses: answer(page([])),
      adminListOfflineLicenses: answer(page([])),
      adminListMachines: answer(page([])),
      adminAddLicensedUser: async () => fail('LICENSE_QUOTA_EXCEEDED', LICENSE_QUOTA_MESSAGE),
    });
    useMeStore.setState({ me: me('owner') });
    renderUi(<AdminPage />);
    expect(await screen.findByTestId('figure-subscribed-licenses')).toBeTruthy();
    expect(await screen.findByText('ada@acme.test')).toBeTruthy();
    const picker = screen.getByRole('combobox', { name: 'Grant a license to' });
    fireEvent.click(picker);
    fireEvent.change(picker, { target: { value: 'Bob' } });
    await waitFor(() => expect(picker.getAttribute('aria-controls')).toBeTruthy());
    const listbox = document.getElementById(picker.getAttribute('aria-controls') ?? '');
    if (!listbox) throw new Error('The member list did not open.');
    fireEvent.click(within(listbox).getByRole('option', { name: /Bob/, hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Grant license' }));
    await waitFor(() =>
      expect(agent.calls.adminAddLicensedUser).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kse',
        userId: BOB,
      }),
    );
    expect(await screen.findByText(LICENSE_QUOTA_MESSAGE, { exact: false })).toBeTruthy();
  });
});
