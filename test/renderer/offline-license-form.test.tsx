import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { OfflineLicenseForm } from '../../src-renderer/features/admin/licenses/offline-license-form';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, ORG_ID, kseSubscription } from './support/fixtures';
import { renderUi } from './support/render';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ orgId: null, productId: null, subscriptions: [], failure: null, notice: null });
});

const form = () =>
  renderUi(<OfflineLicenseForm orgId={ORG_ID} productId="kse" subscriptionEnds="2027-01-31T00:00:00.000Z" />);
const typeId = (text: string) =>
  fireEvent.change(screen.getByLabelText("User's machine ID"), { target: { value: text } });

describe('offline license form', () => {
  it('R8 validates the machine ID as typed and catches a one-character typo', () => {
    installFakeAgent();
    form();
    const typo = MACHINE_ID.slice(0, -1) + (MACHINE_ID.endsWith('0') ? '1' : '0');
    typeId(typo);
    expect(screen.getByText(/contains a typo/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create and save .lic' }).hasAttribute('disabled')).toBe(true);
    typeId(MACHINE_ID.toLowerCase().replaceAll('-', ' '));
    expect(screen.getByText(`Reads as ${MACHINE_ID}`)).toBeTruthy();
  });

  it('R8 creates the license from the canonical ID and saves KSE_<machineID>.lic', async () => {
    const created = { fileName: `KSE_${MACHINE_ID}.lic`, content: 'LICENSE' };
    const agent = installFakeAgent({
      adminCreateOfflineLicense: answer(created),
      adminListSubscriptions: answer([kseSubscription]),
    });
    useAdminStore.setState({ orgId: ORG_ID, productId: 'kse' });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    form();
    typeId(MACHINE_ID);
    fireEvent.click(screen.getByRole('button', { name: 'Create and save .lic' }));
    await waitFor(() =>
      expect(agent.calls.adminCreateOfflineLicense).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kse',
        machineId: MACHINE_ID,
      }),
    );
    expect(await screen.findByText(new RegExp(`Saved KSE_${MACHINE_ID}\\.lic`))).toBeTruthy();
    expect(click).toHaveBeenCalled();
  });

  it('R6 shows the server refusal of an expiry past the subscription end', async () => {
    installFakeAgent({
      adminCreateOfflineLicense: async () =>
        fail(
          'OFFLINE_EXPIRY_TOO_LATE',
          'An offline license cannot outlive the subscription, which ends on 2027-01-31.',
        ),
    });
    form();
    typeId(MACHINE_ID);
    fireEvent.change(screen.getByLabelText('Expiry (optional)'), { target: { value: '2027-06-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create and save .lic' }));
    await waitFor(() => expect(useAdminStore.getState().failure?.code).toBe('OFFLINE_EXPIRY_TOO_LATE'));
  });
});
