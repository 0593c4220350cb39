import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { MigrationPanel } from '../../src-renderer/features/admin/org/migration-panel';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, USER_ID } from './support/fixtures';
import { renderUi } from './support/render';

// The Migration tab: preview changes nothing, apply is offered only for a previewed plan, and refusals keep
// the last plan off the screen.
const plan = (
  applied: boolean,
  assignments = [{ userId: USER_ID, email: 'ada@acme.test', reason: 'last seen active' }],
) => ({
  productId: 'kre',
  applied,
  from: [
    { licenseKind: 'node-locked' as const, count: 2 },
    { licenseKind: 'floating' as const, count: 3 },
  ],
  to: [{ licenseKind: 'floating' as const, count: 5 }],
  assignments,
  notes: ['Node-locked machines keep running until the renewal.'],
});

afterEach(() => {
  cleanup();
  useAdminStore.setState({ failure: null, notice: null, version: 0 });
});

const panel = (productId = 'kre') => renderUi(<MigrationPanel orgId={ORG_ID} productId={productId} />);
const applyButton = () => screen.getByRole('button', { name: 'Apply migration' });

describe('Migration tab', () => {
  it('R28 offers no Apply before a preview', () => {
    installFakeAgent({ adminListRenewals: answer({ orders: [] }) });
    panel();
    expect(applyButton().hasAttribute('disabled')).toBe(true);
  });

  it('R29 previews the sums per license kind and the notes, then applies on request and offers no second Apply', async () => {
    const agent = installFakeAgent({
      adminListRenewals: answer({ orders: [] }),
      adminPreviewMigration: answer(plan(false)),
      adminApplyMigration: answer(plan(true)),
      adminListSubscriptions: answer([]),
    });
    panel();
    fireEvent.click(screen.getByRole('button', { name: 'Preview migration' }));
    const shown = await screen.findByTestId('migration-plan');
    expect(within(shown).getByText('2 Node-locked + 3 Floating → 5 Floating')).toBeTruthy();
    expect(within(shown).getByText('Node-locked machines keep running until the renewal.')).toBeTruthy();
    expect(agent.calls.adminApplyMigration).not.toHaveBeenCalled();
    await waitFor(() => expect(applyButton().hasAttribute('disabled')).toBe(false));
    fireEvent.click(applyButton());
    expect(await screen.findByText('Migration applied')).toBeTruthy();
    expect(agent.calls.adminApplyMigration).toHaveBeenCalledWith({ orgId: ORG_ID, productId: 'kre' });
    expect(useAdminStore.getState().notice).toBe('Migration applied.');
    expect(applyButton().hasAttribute('disabled')).toBe(true);
  });

  it('says when a plan gives nobody a per-User license', async () => {
    installFakeAgent({
      adminListRenewals: answer({ orders: [] }),
      adminPreviewMigration: answer(plan(false, [])),
      adminListSubscriptions: answer([]),
    });
    panel();
    fireEvent.click(screen.getByRole('button', { name: 'Preview migration' }));
    expect(await screen.findByText('No per-User assignments in this plan.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Per-User licenses after migration' })).toBeNull();
  });

  it('R15 a refused preview shows the server sentence and no plan, and Apply stays off', async () => {
    installFakeAgent({
      adminListRenewals: answer({ orders: [] }),
      adminPreviewMigration: async () =>
        fail('FORBIDDEN_ROLE', 'Only an Owner or Admin can migrate licenses.'),
    });
    panel();
    fireEvent.click(screen.getByRole('button', { name: 'Preview migration' }));
    await waitFor(() =>
      expect(useAdminStore.getState().failure?.message).toBe('Only an Owner or Admin can migrate licenses.'),
    );
    expect(screen.queryByTestId('migration-plan')).toBeNull();
    expect(applyButton().hasAttribute('disabled')).toBe(true);
  });

  it('a refused apply keeps the preview on screen, still unapplied', async () => {
    installFakeAgent({
      adminListRenewals: answer({ orders: [] }),
      adminPreviewMigration: answer(plan(false)),
      adminApplyMigration: async () => fail('CONFLICT', 'The subscription changed since the preview.'),
      adminListSubscriptions: answer([]),
    });
    panel();
    fireEvent.click(screen.getByRole('button', { name: 'Preview migration' }));
    await screen.findByText('Preview (nothing changed yet)');
    await waitFor(() => expect(applyButton().hasAttribute('disabled')).toBe(false));
    fireEvent.click(applyButton());
    await waitFor(() => expect(useAdminStore.getState().failure?.code).toBe('CONFLICT'));
    expect(screen.getByText('Preview (nothing changed yet)')).toBeTruthy();
    expect(screen.queryByText('Migration applied')).toBeNull();
  });

  it('R28 R29 explains migration per product, and says a product without deprecated types is left as is', () => {
    installFakeAgent({ adminListRenewals: answer({ orders: [] }) });
    panel('kse');
    expect(screen.getByTestId('migration-explainer').textContent).toContain(
      'become as many per-User licenses',
    );
    cleanup();
    panel('testops');
    expect(screen.getByTestId('migration-explainer').textContent).toContain(
      'This product has no deprecated license types; migration leaves its licenses unchanged.',
    );
  });

  it('R30 says when no renewal is scheduled for the product', async () => {
    installFakeAgent({ adminListRenewals: answer({ orders: [] }) });
    panel();
    expect(await screen.findByText('No renewals are scheduled for this product.')).toBeTruthy();
  });
});
