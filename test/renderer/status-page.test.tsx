import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import { StatusPage } from '../../src-renderer/features/status/status-page';
import { useSetupStore } from '../../src-renderer/features/setup/setup-store';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, agentStatus, machineInfo, productStatus } from './support/fixtures';
import { renderUi } from './support/render';

afterEach(cleanup);

describe('status screen', () => {
  it('shows each warning followed by what to do (expiring soon, clock set back, VM under node-locked)', async () => {
    installFakeAgent({
      licenseGetStatus: answer(
        agentStatus([
          productStatus({
            licenseKind: 'node-locked',
            warnings: [
              { code: 'expiring-soon', message: 'Katalon Studio Enterprise expires in 5 days.' },
              { code: 'clock-rolled-back', message: 'The system clock was set back.' },
              { code: 'virtual-machine', message: 'This machine looks like a virtual machine.' },
            ],
          }),
        ]),
      ),
    });
    useSetupStore.setState({ machine: machineInfo });
    renderUi(<StatusPage />);
    const card = await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    expect(within(card).getByText('Acme QA')).toBeTruthy();
    expect(within(card).getByText(/12 days left/)).toBeTruthy();
    expect(within(card).getByText(/renew the subscription/)).toBeTruthy();
    expect(within(card).getByText(/Set this computer's date and time/)).toBeTruthy();
    expect(within(card).getByText(/need a fixed machine/)).toBeTruthy();
    expect(screen.getByTestId('machine-id').textContent).toBe(MACHINE_ID);
  });

  it('follows license:status-changed pushes and explains the lease when the server is unreachable', async () => {
    const agent = installFakeAgent({ licenseGetStatus: answer(agentStatus()) });
    renderUi(<StatusPage />);
    await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    act(() =>
      agent.emitStatus({
        ...agentStatus([
          productStatus({
            state: 'grace',
            warnings: [{ code: 'lease-grace', message: 'Working on the lease.' }],
          }),
        ]),
        serverReachable: false,
      }),
    );
    expect(await screen.findByText('The license server cannot be reached')).toBeTruthy();
    expect(screen.getByText(/Working on lease \(server unreachable\)/)).toBeTruthy();
  });

  it('R5 says "offline license, valid until …" for a product running on an offline license', async () => {
    installFakeAgent({
      licenseGetStatus: answer(
        agentStatus([
          productStatus({ source: 'offline', leaseEndsAt: null, expiresAt: '2027-01-31T00:00:00.000Z' }),
        ]),
      ),
    });
    renderUi(<StatusPage />);
    const card = await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    expect(within(card).getByText(/^Offline license, valid until .*2027/)).toBeTruthy();
  });

  it('says a license from a server on this machine is a local evaluation license, and why a policy file is ignored', async () => {
    const status = agentStatus([productStatus({ trust: 'local-evaluation', source: 'offline' })]);
    installFakeAgent({
      licenseGetStatus: answer({
        ...status,
        trust: {
          evaluation: true,
          roots: [{ kid: '0123456789abcdef', name: 'Embedded server', source: 'local-evaluation' }],
          policy: {
            state: 'refused',
            path: '/etc/tessera/trust.json',
            message: 'The machine-wide trust policy is ignored: other users could change it.',
          },
        },
      }),
    });
    renderUi(<StatusPage />);
    const card = await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    expect(within(card).getByText(/Local evaluation license/)).toBeTruthy();
    expect(screen.getByText('Evaluation build')).toBeTruthy();
    expect(screen.getByText(/trust policy is ignored: other users could change it/)).toBeTruthy();
  });
});
