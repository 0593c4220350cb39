import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { ActivateProductCard } from '../../src-renderer/features/activation/activate-product-card';
import { useMeStore } from '../../src-renderer/features/account/me-store';
import { MigrationPanel } from '../../src-renderer/features/admin/org/migration-panel';
import { OrgTreePanel } from '../../src-renderer/features/admin/org/org-tree-panel';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, me } from './support/fixtures';
import { renderUi } from './support/render';

afterEach(() => {
  cleanup();
  useMeStore.setState({ me: null });
});

const optionsOf = async (label: string) => {
  const picker = screen.getAllByLabelText(label).find((el) => el.tagName === 'INPUT');
  if (!picker) throw new Error(`No ${label} picker.`);
  fireEvent.click(picker);
  const listbox = await screen.findByRole('listbox', { name: label, hidden: true });
  return within(listbox)
    .getAllByRole('option', { hidden: true })
    .map((o) => o.textContent);
};

describe('Activate a product', () => {
  it('R13 lists only the products the user’s organizations subscribe to, not the whole catalog', async () => {
    installFakeAgent();
    useMeStore.setState({ me: { ...me('member'), subscribedProducts: ['kse', 'kre'] } });
    renderUi(<ActivateProductCard present={[]} />);
    expect(await optionsOf('Product')).toEqual(['Katalon Studio Enterprise', 'Katalon Runtime Engine']);
    expect(screen.queryByDisplayValue(/TestOps/)).toBeNull();
  });

  it('leaves out products already on this machine, and says so when nothing is left to activate', async () => {
    installFakeAgent();
    useMeStore.setState({ me: { ...me('member'), subscribedProducts: [] } });
    renderUi(<ActivateProductCard present={[]} />);
    expect(screen.getByText(/None of your organizations subscribes to a product yet/)).toBeTruthy();
    cleanup();
    useMeStore.setState({ me: { ...me('member'), subscribedProducts: ['kse', 'kre'] } });
    renderUi(<ActivateProductCard present={['kse']} />);
    expect(await optionsOf('Product')).toEqual(['Katalon Runtime Engine']);
  });
});

describe('in-place explanations', () => {
  it('R14 explains Dedicated, Pool and Available above the organization table', async () => {
    installFakeAgent({
      adminGetOrgTree: answer({ productId: 'kse', nodes: [] }),
      adminListMembers: answer({ items: [], total: 0, freePlanWarning: null }),
    });
    renderUi(<OrgTreePanel orgId={ORG_ID} productId="kse" />);
    const legend = screen.getByTestId('allocation-legend');
    expect(within(legend).getByText('Dedicated').nextElementSibling?.textContent).toMatch(
      /reserved for this organization/,
    );
    expect(within(legend).getByText('Pool').nextElementSibling?.textContent).toMatch(
      /Dedicated minus what is dedicated to its direct sub-organizations/,
    );
    expect(within(legend).getByText('Available').nextElementSibling?.textContent).toMatch(
      /Pool minus Assigned/,
    );
  });

  it('R28 R29 R30 says what migration will do before any button is pressed', () => {
    installFakeAgent({ adminListRenewals: answer({ orders: [] }) });
    renderUi(<MigrationPanel orgId={ORG_ID} productId="kse" />);
    const text = screen.getByTestId('migration-explainer').textContent ?? '';
    expect(text).toMatch(/become as many per-User licenses/);
    expect(text).toMatch(/offline floating license, then to the users last seen active/);
    expect(text).toMatch(/Preview .* changes nothing/);
    cleanup();
    renderUi(<MigrationPanel orgId={ORG_ID} productId="kre" />);
    expect(screen.getByTestId('migration-explainer').textContent).toMatch(
      /2 node-locked \+ 3 floating → 5 floating/,
    );
  });
});
