import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MigrationPanel } from '../../src-renderer/features/admin/org/migration-panel';
import { OrgTreePanel } from '../../src-renderer/features/admin/org/org-tree-panel';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, USER_ID } from './support/fixtures';
import { renderUi } from './support/render';

const CHILD = '55555555-5555-4555-8555-555555555555';
const node = (id: string, parentId: string | null, name: string, dedicated: number, pool: number) => ({
  id,
  parentId,
  name,
  dedicated,
  pool,
  assigned: 0,
  available: pool,
});

afterEach(() => {
  cleanup();
  useAdminStore.setState({ failure: null, notice: null });
});

describe('organization tree', () => {
  it('R14 R18 shows dedicated/pool per node, the free-plan warning, and the refusal of a dedication past the pool', async () => {
    const agent = installFakeAgent({
      adminGetOrgTree: answer({
        productId: 'kse',
        nodes: [node(CHILD, ORG_ID, 'QA Team', 1, 1), node(ORG_ID, null, 'Acme', 5, 4)],
      }),
      adminListMembers: answer({
        items: [],
        total: 0,
        freePlanWarning: 'This organization mixes free and KSE users.',
      }),
      adminDedicateLicenses: async () =>
        fail('DEDICATION_EXCEEDS_POOL', 'Acme can dedicate at most 4 licenses to QA Team, not 9.'),
    });
    renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    const rows = await screen.findAllByRole('row');
    expect(rows.map((r) => r.getAttribute('data-org'))).toEqual([null, 'Acme', 'QA Team']);
    expect(
      within(rows[1] as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(1, 3),
    ).toEqual(['5', '4']);
    expect(await screen.findByText(/mixes free and KSE users/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Licenses dedicated to QA Team'), { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save dedication to QA Team' }));
    await waitFor(() =>
      expect(agent.calls.adminDedicateLicenses).toHaveBeenCalledWith({
        orgId: ORG_ID,
        childOrgId: CHILD,
        productId: 'kse',
        count: 9,
      }),
    );
    await waitFor(() => expect(useAdminStore.getState().failure?.code).toBe('DEDICATION_EXCEEDS_POOL'));
  });
});

describe('migration panel', () => {
  it('R28 previews who gets a per-User license and why before anything is applied', async () => {
    installFakeAgent({
      adminPreviewMigration: answer({
        productId: 'kse',
        applied: false,
        from: [{ licenseKind: 'floating' as const, count: 2 }],
        to: [{ licenseKind: 'per-user' as const, count: 2 }],
        assignments: [
          { userId: USER_ID, email: 'ada@acme.test', reason: 'holds an offline floating license' },
        ],
        notes: [],
      }),
      adminListSubscriptions: answer([]),
    });
    renderUi(<MigrationPanel orgId={ORG_ID} productId="kse" />);
    fireEvent.click(screen.getByRole('button', { name: 'Preview migration' }));
    expect(await screen.findByText('Preview (nothing changed yet)')).toBeTruthy();
    expect(screen.getByText('2 Floating → 2 Per-User')).toBeTruthy();
    expect(screen.getByText('holds an offline floating license')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Apply migration' }).hasAttribute('disabled')).toBe(false);
  });
});
