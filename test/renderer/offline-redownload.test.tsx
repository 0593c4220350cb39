import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { OfflineLicensesSection } from '../../src-renderer/features/admin/licenses/offline-licenses-section';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, ORG_ID } from './support/fixtures';
import { renderUi } from './support/render';

const LICENSE_ID = '77777777-7777-4777-8777-777777777777';
const stored = {
  total: 1,
  items: [
    {
      licenseId: LICENSE_ID,
      machineId: MACHINE_ID,
      fileName: `KSE_${MACHINE_ID}.lic`,
      createdAt: '2026-11-01T00:00:00.000Z',
      expiresAt: '2026-12-31T00:00:00.000Z',
      createdBy: 'ada@acme.test',
    },
  ],
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  useAdminStore.setState({ orgId: null, productId: null, failure: null, notice: null, version: 0 });
});

const section = () =>
  renderUi(<OfflineLicensesSection orgId={ORG_ID} productId="kse" offlineAllowed subscriptionEnds={null} />);

describe('Offline Licenses: download again', () => {
  it('R8 saves the stored file again under its own name', async () => {
    const agent = installFakeAgent({
      adminListOfflineLicenses: answer(stored),
      adminDownloadOfflineLicense: answer({ fileName: `KSE_${MACHINE_ID}.lic`, content: 'LICENSE' }),
    });
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    section();
    fireEvent.click(await screen.findByRole('button', { name: `Download KSE_${MACHINE_ID}.lic again` }));
    await waitFor(() =>
      expect(agent.calls.adminDownloadOfflineLicense).toHaveBeenCalledWith({
        orgId: ORG_ID,
        licenseId: LICENSE_ID,
      }),
    );
    await waitFor(() => expect(saved).toEqual([`KSE_${MACHINE_ID}.lic`]));
  });

  it('R8 shows the server sentence when the file cannot be read', async () => {
    installFakeAgent({
      adminListOfflineLicenses: answer(stored),
      adminDownloadOfflineLicense: async () => fail('NOT_FOUND', 'No offline license with this id.'),
    });
    section();
    fireEvent.click(await screen.findByRole('button', { name: `Download KSE_${MACHINE_ID}.lic again` }));
    expect(await screen.findByText('No offline license with this id.', { exact: false })).toBeTruthy();
  });
});
