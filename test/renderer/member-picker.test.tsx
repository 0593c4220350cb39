import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { MemberPicker } from '../../src-renderer/features/admin/members/member-picker';
import { fail, ok } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, USER_ID } from './support/fixtures';
import { ADA_MEMBER, BOB, BOB_MEMBER, membersPage } from './support/people-fixtures';
import { renderUi } from './support/render';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ version: 0 });
});

/** A picker as a form holds it, showing the picked id. */
function Harness({ unlicensedOnly = false }: { unlicensedOnly?: boolean }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <>
      <MemberPicker
        orgId={ORG_ID}
        label="Grant a license to"
        value={value}
        onChange={setValue}
        {...(unlicensedOnly ? { accept: (m) => m.licensedProducts.length === 0 } : {})}
      />
      <output aria-label="Picked">{value ?? 'nobody'}</output>
    </>
  );
}

/** Opens the picker, types `typed` as a person would, and returns its option list. */
async function typeInto(typed: string): Promise<HTMLElement> {
  const box = screen.getByRole('combobox', { name: 'Grant a license to' });
  fireEvent.click(box);
  box.focus(); // Mantine treats a change to an unfocused box as autofill, not typing.
  fireEvent.change(box, { target: { value: typed } });
  return waitFor(() => {
    const list = document.getElementById(box.getAttribute('aria-controls') ?? '');
    if (!list) throw new Error('The picker list did not open.');
    return list;
  });
}

describe('member picker', { timeout: 60_000 }, () => {
  it('R15 picks a member of the organization or any sub-organization, found on the server by part of the name, and answers their id', async () => {
    const agent = installFakeAgent({
      adminListMembers: async (p) =>
        ok(membersPage(p.query === 'bo' ? [BOB_MEMBER] : [ADA_MEMBER, BOB_MEMBER])),
    });
    renderUi(<Harness />);
    const list = await typeInto('bo');
    await waitFor(() =>
      expect(agent.calls.adminListMembers).toHaveBeenLastCalledWith({
        orgId: ORG_ID,
        page: { offset: 0, limit: 50 },
        query: 'bo',
        scope: 'subtree',
      }),
    );
    fireEvent.click(await within(list).findByRole('option', { name: 'Bob <bob@acme.test>', hidden: true }));
    expect(screen.getByLabelText('Picked').textContent).toBe(BOB);
  });

  it('offers only the members the form accepts (e.g. those without a license yet)', async () => {
    installFakeAgent({ adminListMembers: answer(membersPage()) });
    renderUi(<Harness unlicensedOnly />);
    const list = await typeInto('acme');
    expect(await within(list).findByRole('option', { name: /Bob/, hidden: true })).toBeTruthy();
    expect(within(list).queryByRole('option', { name: /Ada/, hidden: true })).toBeNull();
  });

  it('says how many members match when there are more than it lists, so the admin types more', async () => {
    const many = ipcMembers(120);
    installFakeAgent({ adminListMembers: answer(many) });
    renderUi(<Harness />);
    expect(await screen.findByText('120 members match; type more to narrow the list.')).toBeTruthy();
  });

  it('shows the refusal sentence in the list instead of "No member matches."', async () => {
    installFakeAgent({
      adminListMembers: async () => fail('FORBIDDEN_ROLE', 'Only an Owner or Admin can list members.'),
    });
    renderUi(<Harness />);
    const list = await typeInto('zed');
    expect(await within(list).findByText('Only an Owner or Admin can list members.')).toBeTruthy();
    expect(screen.getByLabelText('Picked').textContent).toBe('nobody');
  });
});

/** A first page of 50 members out of `total`. */
function ipcMembers(total: number) {
  const page = membersPage(
    Array.from({ length: 50 }, (_, i) => ({
      ...ADA_MEMBER,
      userId: `${USER_ID.slice(0, -3)}${String(i).padStart(3, '0')}`,
      email: `user${i}@acme.test`,
      name: `User ${i}`,
    })),
  );
  return { ...page, total };
}
