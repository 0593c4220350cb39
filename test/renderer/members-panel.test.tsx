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
const HANDED_OVER = 'The new key was shown in a separate window; it is not kept anywhere.';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ orgId: null, productId: null, failure: null, notice: null, version: 0 });
});

const panel = () => renderUi(<MembersPanel orgId={ORG_ID} />);

// Each flow opens a Mantine modal or combobox; on a loaded 2-core machine that takes well past the 20 s default.
describe('Members panel', { timeout: 60_000 }, () => {
  it('R15 adds a new person and says their first key was shown in a separate window, not here', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminAddMember: answer({
        userId: NEW_USER,
        email: 'cy@acme.test',
        name: 'Cy',
        role: 'member' as const,
        keyHandedOver: true,
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
    const note = await screen.findByRole('status');
    expect(within(note).getByText('New API key for cy@acme.test')).toBeTruthy();
    expect(within(note).getByText(/The new key was shown in a separate window/).textContent).toContain(
      HANDED_OVER,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(within(note).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText(/shown in a separate window/)).toBeNull());
  });

  it('R15 adding someone who already has an account says nothing about a key', async () => {
    installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminAddMember: answer({
        userId: NEW_USER,
        email: 'cy@acme.test',
        name: 'Cy',
        role: 'admin' as const,
        keyHandedOver: false,
      }),
    });
    panel();
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'cy@acme.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(useAdminStore.getState().notice).toBe('cy@acme.test is now a member.'));
    expect(screen.queryByText(/shown in a separate window/)).toBeNull();
  });

  it('R15 reissues a member key, naming the member for main’s key window, and says where the key went', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminReissueMemberKey: answer({ userId: BOB, keyHandedOver: true as const }),
    });
    panel();
    fireEvent.click(await screen.findByRole('button', { name: 'Reissue the API key of bob@acme.test' }));
    await waitFor(() =>
      expect(agent.calls.adminReissueMemberKey).toHaveBeenCalledWith({
        orgId: ORG_ID,
        userId: BOB,
        email: 'bob@acme.test',
      }),
    );
    const note = await screen.findByRole('status');
    expect(within(note).getByText('New API key for bob@acme.test')).toBeTruthy();
    expect(note.textContent).toContain(HANDED_OVER);
    expect(useAdminStore.getState().notice).toBe(
      'A new API key was issued to bob@acme.test; the old ones no longer work.',
    );
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
