import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { OrgTreePanel } from '../../src-renderer/features/admin/org/org-tree-panel';
import { fail, ok } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID } from './support/fixtures';
import { membersPage } from './support/people-fixtures';
import { renderUi } from './support/render';

// The Organization tab of a three-level tree: every node's numbers, indentation by depth, and dedications.
const QA = '55555555-5555-4555-8555-555555555555';
const QA_EU = '66666666-6666-4666-8666-666666666666';
const SALES = '77777777-7777-4777-8777-777777777777';

type Numbers = { dedicated: number; pool: number; assigned: number; available: number };
const node = (id: string, parentId: string | null, name: string, n: Numbers) => ({
  id,
  parentId,
  name,
  ...n,
});
const tree = (qaDedicated = 3) => ({
  productId: 'kse',
  nodes: [
    node(SALES, ORG_ID, 'Sales', { dedicated: 1, pool: 1, assigned: 1, available: 0 }),
    node(QA_EU, QA, 'QA Europe', { dedicated: 1, pool: 1, assigned: 0, available: 1 }),
    node(QA, ORG_ID, 'QA', { dedicated: qaDedicated, pool: qaDedicated - 1, assigned: 2, available: 0 }),
    node(ORG_ID, null, 'Acme', { dedicated: 10, pool: 6, assigned: 4, available: 2 }),
  ],
});

afterEach(() => {
  cleanup();
  useAdminStore.setState({ failure: null, notice: null, version: 0 });
});

/** The text of each cell of the row of organization `name`. */
const cells = (name: string) =>
  within(screen.getByText(name).closest('tr') as HTMLElement)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('Organization tab', () => {
  it('R13 R14 shows every node of a three-level tree under its parent with its four numbers', async () => {
    installFakeAgent({ adminGetOrgTree: answer(tree()), adminListMembers: answer(membersPage()) });
    renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    const table = await screen.findByRole('table', { name: 'Organization allocation' });
    const order = within(table)
      .getAllByRole('row')
      .map((r) => r.getAttribute('data-org'));
    expect(order.slice(1).sort()).toEqual(['Acme', 'QA', 'QA Europe', 'Sales']);
    expect(order.indexOf('QA Europe')).toBe(order.indexOf('QA') + 1);
    expect(order[1]).toBe('Acme');
    expect(cells('Acme').slice(0, 5)).toEqual(['Acme', '10', '6', '4', '2']);
    expect(cells('QA').slice(0, 5)).toEqual(['QA', '3', '2', '2', '0']);
    expect(cells('QA Europe').slice(0, 5)).toEqual(['QA Europe', '1', '1', '0', '1']);
    const indent = (name: string) => (screen.getByText(name) as HTMLElement).style.paddingLeft;
    expect([indent('Acme'), indent('QA'), indent('QA Europe')]).toEqual(['12px', '32px', '52px']);
  });

  it('R14 offers a dedication for each sub-organization, none for the root', async () => {
    installFakeAgent({ adminGetOrgTree: answer(tree()), adminListMembers: answer(membersPage()) });
    renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    await screen.findByRole('table', { name: 'Organization allocation' });
    expect(screen.queryByLabelText('Licenses dedicated to Acme')).toBeNull();
    expect((screen.getByLabelText('Licenses dedicated to QA') as HTMLInputElement).value).toBe('3');
    expect(screen.getByRole('button', { name: 'Save dedication to QA Europe' })).toBeTruthy();
  });

  it('R14 saves a dedication from the parent of the node, says so, and shows the re-read numbers', async () => {
    let qaDedicated = 3;
    const agent = installFakeAgent({
      adminGetOrgTree: async () => ok(tree(qaDedicated)),
      adminListMembers: answer(membersPage()),
      adminDedicateLicenses: async (p) => {
        qaDedicated = p.count;
        return ok(tree(qaDedicated));
      },
      adminListSubscriptions: answer([]),
    });
    renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    await screen.findByRole('table', { name: 'Organization allocation' });
    fireEvent.change(screen.getByLabelText('Licenses dedicated to QA Europe'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save dedication to QA Europe' }));
    await waitFor(() =>
      expect(agent.calls.adminDedicateLicenses).toHaveBeenCalledWith({
        orgId: QA,
        childOrgId: QA_EU,
        productId: 'kse',
        count: 2,
      }),
    );
    await waitFor(() => expect(useAdminStore.getState().notice).toBe('Dedication saved.'));
    fireEvent.change(screen.getByLabelText('Licenses dedicated to QA'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save dedication to QA' }));
    await waitFor(() => expect(cells('QA')[1]).toBe('5'));
    expect(agent.calls.adminGetOrgTree).toHaveBeenCalledTimes(3);
  });

  it('R18 shows no mixed-plan warning when every member is on the same plan', async () => {
    installFakeAgent({ adminGetOrgTree: answer(tree()), adminListMembers: answer(membersPage()) });
    const { container } = renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    await screen.findByRole('table', { name: 'Organization allocation' });
    expect(container.querySelector('[data-warning="R18"]')).toBeNull();
  });

  it('says the tree is loading until the server answers', () => {
    installFakeAgent({
      adminGetOrgTree: () => new Promise(() => undefined),
      adminListMembers: answer(membersPage()),
    });
    renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    expect(screen.getByText('Loading the organization tree…')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Organization allocation' })).toBeNull();
  });

  it('R15 shows the refusal sentence instead of loading forever when the tree cannot be read', async () => {
    installFakeAgent({
      adminGetOrgTree: async () => fail('OTHER_ORGANIZATION', 'Sales is not in an organization you manage.'),
      adminListMembers: answer(membersPage()),
    });
    renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sales is not in an organization you manage. (OTHER_ORGANIZATION)');
    expect(screen.queryByText('Loading the organization tree…')).toBeNull();
  });
});
