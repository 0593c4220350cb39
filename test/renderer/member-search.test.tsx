import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { LicensedUsersSection } from '../../src-renderer/features/admin/licenses/licensed-users-section';
import { AUDIT_ACTION_EXAMPLE, AuditPanel } from '../../src-renderer/features/admin/org/audit-panel';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID } from './support/fixtures';
import { BOB, BOB_MEMBER, membersPage } from './support/people-fixtures';
import { renderUi } from './support/render';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ orgId: null, productId: null, failure: null, notice: null, version: 0 });
});

const empty = { items: [], total: 0 };

/** Types into a picker, waits until `asked` holds (e.g. the server was asked), and clicks the matching option. */
async function pick(label: string, typed: string, option: RegExp, asked: () => void = () => undefined) {
  const box = screen.getByRole('combobox', { name: label });
  fireEvent.click(box);
  box.focus(); // Mantine treats a change to an unfocused box as autofill, not typing.
  fireEvent.change(box, { target: { value: typed } });
  await waitFor(asked);
  const listbox = await waitFor(() => {
    const found = document.getElementById(box.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error(`The ${label} list did not open.`);
    return found;
  });
  fireEvent.click(await within(listbox).findByRole('option', { name: option, hidden: true }));
}

/** Every audit action the server writes, read from its source (`action: '…'`). */
function serverAuditActions(): Set<string> {
  const actions = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/action: '([a-z_.-]+)'/g))
          actions.add(m[1] ?? '');
    }
  };
  walk(join(__dirname, '../../src-server'));
  return actions;
}

// Each flow opens comboboxes and waits for a debounced search; a loaded machine needs more than 20 s.
describe('member pickers and filters search the server', { timeout: 60_000 }, () => {
  it('R15 the grant picker asks the server for what was typed instead of reading one page of 500', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminListLicensedUsers: answer(empty),
      adminAddLicensedUser: answer({
        userId: BOB,
        email: 'bob@acme.test',
        name: 'Bob',
        assignedAt: '2026-11-30T08:00:00.000Z',
        lastActiveAt: null,
      }),
    });
    renderUi(<LicensedUsersSection orgId={ORG_ID} productId="kse" />);
    await pick('Grant a license to', 'bob', /Bob/, () =>
      expect(agent.calls.adminListMembers).toHaveBeenCalledWith({
        orgId: ORG_ID,
        page: { offset: 0, limit: 50 },
        query: 'bob',
        scope: 'subtree',
      }),
    );
    for (const [payload] of agent.calls.adminListMembers.mock.calls)
      expect(payload.page.limit).toBeLessThan(500);
    fireEvent.click(screen.getByRole('button', { name: 'Grant license' }));
    await waitFor(() =>
      expect(agent.calls.adminAddLicensedUser).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kse',
        userId: BOB,
      }),
    );
  });

  it('R24 the transfer pickers offer licensed users as the source and the others as the target', async () => {
    const agent = installFakeAgent({
      adminListMembers: answer(membersPage()),
      adminListLicensedUsers: answer(empty),
      adminTransferLicense: answer({ done: true as const }),
    });
    renderUi(<LicensedUsersSection orgId={ORG_ID} productId="kse" />);
    await pick('Transfer from', 'a', /Ada/);
    await pick('Transfer to', 'b', /Bob/);
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() =>
      expect(agent.calls.adminTransferLicense).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kse',
        fromUserId: '22222222-2222-4222-8222-222222222222',
        toUserId: BOB,
      }),
    );
  });

  it('the audit filter placeholder names an action the server writes', () => {
    installFakeAgent({ adminListAudit: answer(empty), adminListMembers: answer(membersPage()) });
    renderUi(<AuditPanel orgId={ORG_ID} productId="kse" />);
    expect(screen.getByLabelText('Action').getAttribute('placeholder')).toBe(`e.g. ${AUDIT_ACTION_EXAMPLE}`);
    expect(serverAuditActions()).toContain(AUDIT_ACTION_EXAMPLE);
    expect(serverAuditActions()).not.toContain('license.granted');
  });

  it('the audit log is filtered by a member found by name, not by a typed UUID', async () => {
    const agent = installFakeAgent({
      adminListAudit: answer(empty),
      adminListMembers: answer(membersPage([BOB_MEMBER])),
    });
    renderUi(<AuditPanel orgId={ORG_ID} productId="kse" />);
    await pick('User', 'bob', /Bob/);
    await waitFor(() =>
      expect(agent.calls.adminListAudit).toHaveBeenLastCalledWith({
        orgId: ORG_ID,
        filter: { productId: 'kse', userId: BOB },
        page: expect.objectContaining({ offset: 0 }),
      }),
    );
  });
});
