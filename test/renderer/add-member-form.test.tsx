import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { AddMemberForm } from '../../src-renderer/features/admin/members/add-member-form';
import { fail, ok } from '../../shared/result';
import { installFakeAgent } from './support/fake-agent';
import { ORG_ID } from './support/fixtures';
import { BOB } from './support/people-fixtures';
import { renderUi } from './support/render';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ failure: null, notice: null, version: 0 });
});

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const addButton = () => screen.getByRole('button', { name: 'Add member' });

describe('Add a member', { timeout: 60_000 }, () => {
  it('R15 cannot be sent without an e-mail (blanks do not count)', () => {
    installFakeAgent();
    renderUi(<AddMemberForm orgId={ORG_ID} onKeyHandedOver={() => undefined} />);
    expect(addButton().hasAttribute('disabled')).toBe(true);
    fireEvent.change(field('E-mail'), { target: { value: '   ' } });
    expect(addButton().hasAttribute('disabled')).toBe(true);
    fireEvent.change(field('E-mail'), { target: { value: 'bob@acme.test' } });
    expect(addButton().hasAttribute('disabled')).toBe(false);
  });

  it('R15 sends the trimmed e-mail with no name for an existing user, says who joined, and empties the form', async () => {
    const handedOver = vi.fn();
    const agent = installFakeAgent({
      adminAddMember: async (p) =>
        ok({ userId: BOB, email: p.email, name: 'Bob', role: p.role, keyHandedOver: false }),
      adminListSubscriptions: async () => ok([]),
    });
    renderUi(<AddMemberForm orgId={ORG_ID} onKeyHandedOver={handedOver} />);
    fireEvent.change(field('E-mail'), { target: { value: '  bob@acme.test ' } });
    fireEvent.change(field('Name (for a new user)'), { target: { value: '   ' } });
    fireEvent.click(addButton());
    await waitFor(() =>
      expect(agent.calls.adminAddMember).toHaveBeenCalledWith({
        orgId: ORG_ID,
        email: 'bob@acme.test',
        role: 'member',
      }),
    );
    await waitFor(() => expect(useAdminStore.getState().notice).toBe('bob@acme.test is now a member.'));
    await waitFor(() => expect(field('E-mail').value).toBe(''));
    expect(handedOver).not.toHaveBeenCalled();
    expect(useAdminStore.getState().version).toBe(1);
  });

  it('R15 keeps what was typed and shows the server sentence when the member cannot be added', async () => {
    installFakeAgent({
      adminAddMember: async () => fail('ALREADY_A_MEMBER', 'bob@acme.test is already a member of Acme QA.'),
    });
    renderUi(<AddMemberForm orgId={ORG_ID} onKeyHandedOver={() => undefined} />);
    fireEvent.change(field('E-mail'), { target: { value: 'bob@acme.test' } });
    fireEvent.change(field('Name (for a new user)'), { target: { value: 'Bob' } });
    fireEvent.click(addButton());
    await waitFor(() =>
      expect(useAdminStore.getState().failure?.message).toBe('bob@acme.test is already a member of Acme QA.'),
    );
    expect(field('E-mail').value).toBe('bob@acme.test');
    expect(field('Name (for a new user)').value).toBe('Bob');
    expect(useAdminStore.getState().version).toBe(0);
  });
});
