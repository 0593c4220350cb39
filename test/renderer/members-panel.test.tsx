import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { MembersPanel } from '../../src-renderer/features/admin/members/members-panel';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID } from './support/fixtures';
import { BOB, membersPage } from './support/people-fixtures';
import { renderUi } from './support/render';

const NEW_USER = '66666666-6666-4666-8666-666666666666';
const FIRST_KEY = 'tsk_first_0123456789abcdef';
const REISSUED_KEY = 'tsk_again_fedcba9876543210';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ orgId: null, productId: null, failure: null, notice: null, version: 0 });
});

const panel = () => renderUi(<MembersPanel orgId={ORG_ID} />);

/** Everything the renderer keeps in its stores, as text: a key must not be in it once the dialog closed. */
const storeText = () => JSON.stringify(useAdminStore.getState());

// Each flow opens a Mantine modal or combobox; on a loaded 2-core machine that takes well past the 20 s default.
describe('Members panel', { timeout: 60_000 }, () => {
  it('R15 adds a new person and shows their first API key once; closing the dialog forgets it', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminAddMember: answer({
        userId: NEW_USER,
        email: 'cy@acme.test',
        name: 'Cy',
        role: 'member' as const,
        apiKey: FIRST_KEY,
      }),
    });
    panel();
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'cy@acme.test' } });
    fireEvent.change(screen.getByLabelText('Name (for a new user)'), { target: { value: 'Cy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() =>
      expect(agent.calls.adminAddMember).toHaveBeenCalledWith({
        orgId: ORG_ID,
        email: 'cy@acme.test',
        name: 'Cy',
        role: 'member',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New API key' });
    expect(within(dialog).getByTestId('new-api-key').textContent).toBe(FIRST_KEY);
    expect(storeText()).not.toContain(FIRST_KEY);
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have passed it on' }));
    await waitFor(() => expect(screen.queryByText(FIRST_KEY)).toBeNull());
    expect(document.body.innerHTML).not.toContain(FIRST_KEY);
  });

  it('R15 adding someone who already has an account shows no key', async () => {
    installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminAddMember: answer({
        userId: NEW_USER,
        email: 'cy@acme.test',
        name: 'Cy',
        role: 'admin' as const,
        apiKey: null,
      }),
    });
    panel();
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'cy@acme.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(useAdminStore.getState().notice).toBe('cy@acme.test is now a member.'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('R15 reissues a member key and shows the new one once', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminReissueMemberKey: answer({ userId: BOB, apiKey: REISSUED_KEY, prefix: 'tsk_again' }),
    });
    panel();
    fireEvent.click(await screen.findByRole('button', { name: 'Reissue the API key of bob@acme.test' }));
    await waitFor(() =>
      expect(agent.calls.adminReissueMemberKey).toHaveBeenCalledWith({ orgId: ORG_ID, userId: BOB }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New API key' });
    expect(within(dialog).getByText(REISSUED_KEY)).toBeTruthy();
    expect(storeText()).not.toContain(REISSUED_KEY);
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have passed it on' }));
    await waitFor(() => expect(document.body.innerHTML).not.toContain(REISSUED_KEY));
  });

  it('R15 changes a role, revokes keys and removes a member', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminChangeMemberRole: answer({
        userId: BOB,
        email: 'bob@acme.test',
        name: 'Bob',
        role: 'admin' as const,
      }),
      adminRevokeMemberKey: answer({ revoked: 1, endedSessions: 0 }),
      adminRemoveMember: answer({ removed: true as const, endedSessions: 1, deactivated: 1 }),
    });
    panel();
    const role = await screen.findByRole('combobox', { name: 'Role of bob@acme.test' });
    fireEvent.click(role);
    const listbox = await waitFor(() => {
      const id = role.getAttribute('aria-controls');
      const found = id ? document.getElementById(id) : null;
      if (!found) throw new Error('The role list did not open.');
      return found;
    });
    fireEvent.click(within(listbox).getByRole('option', { name: 'Admin', hidden: true }));
    await waitFor(() =>
      expect(agent.calls.adminChangeMemberRole).toHaveBeenCalledWith({
        orgId: ORG_ID,
        userId: BOB,
        role: 'admin',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the API keys of bob@acme.test' }));
    await waitFor(() =>
      expect(agent.calls.adminRevokeMemberKey).toHaveBeenCalledWith({ orgId: ORG_ID, userId: BOB }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove bob@acme.test from the organization' }));
    await waitFor(() =>
      expect(agent.calls.adminRemoveMember).toHaveBeenCalledWith({ orgId: ORG_ID, userId: BOB }),
    );
    expect(useAdminStore.getState().notice).toBe('bob@acme.test was removed.');
  });

  it('R15 shows the server sentence when the last Owner would be removed', async () => {
    installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminRemoveMember: async () => fail('LAST_OWNER', 'The organization needs at least one Owner.'),
    });
    panel();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Remove ada@acme.test from the organization' }),
    );
    await waitFor(() =>
      expect(useAdminStore.getState().failure?.message).toBe('The organization needs at least one Owner.'),
    );
  });

  it('R15 searches members by name or e-mail on the server', async () => {
    const agent = installFakeAgent({ adminListMembers: answer(membersPage()) });
    panel();
    await screen.findByText('bob@acme.test');
    fireEvent.change(screen.getByLabelText('Search by name or e-mail'), { target: { value: 'bo' } });
    await waitFor(() =>
      expect(agent.calls.adminListMembers).toHaveBeenLastCalledWith({
        orgId: ORG_ID,
        page: expect.objectContaining({ offset: 0 }),
        query: 'bo',
      }),
    );
  });
});
