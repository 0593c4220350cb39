import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import { StatusPage } from '../../src-renderer/features/status/status-page';
import { useSetupStore } from '../../src-renderer/features/setup/setup-store';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, agentStatus, machineInfo, productStatus } from './support/fixtures';
import { renderUi } from './support/render';
import { formatDate } from '../../src-renderer/lib/format';

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
    expect(within(card).getByText(/\(renewed automatically while online\)$/)).toBeTruthy();
    expect(within(card).getByText(/new offline license file/)).toBeTruthy();
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

  it('R5 a product running on an offline license file shows the file’s own end', async () => {
    installFakeAgent({
      licenseGetStatus: answer(
        agentStatus([
          productStatus({
            source: 'offline',
            leaseEndsAt: null,
            expiresAt: '2027-01-31T12:00:00.000Z',
            offlineFileEndsAt: '2027-01-31T12:00:00.000Z',
          }),
        ]),
      ),
    });
    renderUi(<StatusPage />);
    const card = await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    expect(within(card).getByText('Offline license file')).toBeTruthy();
    expect(
      within(card).getByText(`${formatDate('2027-01-31T12:00:00.000Z')} (offline license file)`),
    ).toBeTruthy();
  });

  it('names each date: "Licensed until … (subscription)", "Works offline until … (renewed automatically while online)"; no lease end as expiry', async () => {
    installFakeAgent({
      licenseGetStatus: answer(
        agentStatus([
          productStatus({
            expiresAt: '2027-01-01T12:00:00.000Z',
            subscriptionEndsAt: '2027-01-01T12:00:00.000Z',
            leaseEndsAt: '2026-12-07T12:00:00.000Z',
            daysLeft: 6,
          }),
        ]),
      ),
    });
    renderUi(<StatusPage />);
    const card = await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    const row = (label: string) => within(card).getByText(label).nextElementSibling?.textContent;
    expect(row('Licensed until')).toBe(`${formatDate('2027-01-01T12:00:00.000Z')} (subscription)`);
    expect(row('Works offline until')).toBe(
      `${formatDate('2026-12-07T12:00:00.000Z')} (renewed automatically while online)`,
    );
    expect(within(card).queryByText(/days left|Expires/)).toBeNull();
  });

  it('R5 after importing an offline file valid until Dec 31 the card shows Dec 31, not the lease’s Dec 7', async () => {
    installFakeAgent({
      licenseGetStatus: answer(
        agentStatus([
          productStatus({
            subscriptionEndsAt: '2027-01-01T12:00:00.000Z',
            offlineFileEndsAt: '2026-12-31T12:00:00.000Z',
            leaseEndsAt: '2026-12-07T12:00:00.000Z',
          }),
        ]),
      ),
    });
    renderUi(<StatusPage />);
    const card = await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    expect(within(card).getByText('Works offline until').nextElementSibling?.textContent).toBe(
      `${formatDate('2026-12-31T12:00:00.000Z')} (offline license file)`,
    );
    expect(card.textContent).not.toContain(formatDate('2026-12-07T12:00:00.000Z'));
  });

  it('shows the 30/7/1-day subscription warning with what to do', async () => {
    installFakeAgent({
      licenseGetStatus: answer(
        agentStatus([
          productStatus({
            warnings: [
              { code: 'subscription-ending', message: 'The subscription ends in 7 days, on 2027-01-01.' },
            ],
          }),
        ]),
      ),
    });
    renderUi(<StatusPage />);
    const card = await screen.findByRole('region', { name: 'Katalon Studio Enterprise' });
    const alert = within(card).getByText('The subscription ends in 7 days, on 2027-01-01.');
    expect(alert.closest('[data-warning="subscription-ending"]')?.textContent).toMatch(
      /Ask your organization Owner or Admin to renew the subscription/,
    );
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
