import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { OfflineImportPage } from '../../src-renderer/features/activation/offline-import-page';
import { useActivationStore } from '../../src-renderer/features/activation/activation-store';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { agentStatus, productStatus } from './support/fixtures';
import { renderUi } from './support/render';

const LIC = '-----BEGIN TESSERA LICENSE-----\nabc\n-----END TESSERA LICENSE-----\n';
const drop = (file: File) =>
  fireEvent.drop(screen.getByTestId('license-drop-zone'), {
    dataTransfer: { files: [file], types: ['Files'] },
  });

afterEach(() => {
  cleanup();
  useActivationStore.getState().reset();
});

describe('offline import', () => {
  it('R5 reads a dropped .lic in the renderer and sends only its content over license:import-offline', async () => {
    const agent = installFakeAgent({
      licenseImportOffline: answer(productStatus({ source: 'offline' })),
      licenseGetStatus: answer(agentStatus()),
    });
    renderUi(<OfflineImportPage />);
    drop(new File([LIC], 'KSE_7K2M.lic'));
    await waitFor(() =>
      expect(agent.calls.licenseImportOffline).toHaveBeenCalledWith({
        fileName: 'KSE_7K2M.lic',
        content: LIC,
      }),
    );
    expect(await screen.findByText('Katalon Studio Enterprise is licensed on this machine')).toBeTruthy();
  });

  it('R7 explains a tampered file: the agent refuses it and the screen says what to do', async () => {
    installFakeAgent({
      licenseImportOffline: async () =>
        fail('BAD_SIGNATURE', 'The license file has been modified and is no longer valid.'),
    });
    renderUi(<OfflineImportPage />);
    drop(new File([LIC.replace('abc', 'abd')], 'KSE_7K2M.lic'));
    expect(await screen.findByText(/has been modified/)).toBeTruthy();
    expect(screen.getByText(/changed after it was signed/)).toBeTruthy();
  });

  it('refuses a file far larger than a license without sending it', async () => {
    const agent = installFakeAgent();
    renderUi(<OfflineImportPage />);
    drop(new File(['x'.repeat(70_000)], 'huge.lic'));
    expect(await screen.findByText(/at most 65536 bytes/)).toBeTruthy();
    expect(agent.calls.licenseImportOffline).not.toHaveBeenCalled();
  });
});
