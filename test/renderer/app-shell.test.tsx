import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { App } from '../../src-renderer/app';
import { useMeStore } from '../../src-renderer/features/account/me-store';
import { useSetupStore } from '../../src-renderer/features/setup/setup-store';
import { useNavStore } from '../../src-renderer/features/shell/nav-store';
import { answer, installFakeAgent } from './support/fake-agent';
import { agentStatus, machineInfo, me } from './support/fixtures';
import { renderUi } from './support/render';

const configured = (role: 'owner' | 'admin' | 'member') =>
  installFakeAgent({
    serverGetConfig: answer({
      config: { mode: 'remote' as const, url: 'https://licenses.test' },
      activeUrl: 'https://licenses.test',
    }),
    keyHas: answer({ hasKey: true, serverUrl: 'https://licenses.test' }),
    machineGetInfo: answer(machineInfo),
    accountGetMe: answer(me(role)),
    licenseGetStatus: answer(agentStatus()),
  });

afterEach(() => {
  cleanup();
  useSetupStore.setState({ loaded: false, server: null, key: null, machine: null });
  useMeStore.setState({ me: null });
  useNavStore.setState({ screen: 'status' });
});

describe('app shell', () => {
  it('lands on Setup on first run, with the other screens disabled', async () => {
    installFakeAgent({
      serverGetConfig: answer({ config: null, activeUrl: null }),
      keyHas: answer({ hasKey: false, serverUrl: null }),
      machineGetInfo: answer(machineInfo),
    });
    renderUi(<App />);
    expect(await screen.findByRole('heading', { name: 'Set up Tessera' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Status' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('R15 hides the admin console from a member', async () => {
    const agent = configured('member');
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'License status' });
    await waitFor(() => expect(agent.calls.accountGetMe).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Admin console' })).toBeNull();
  });

  it('R15 shows the admin console to an Owner or Admin', async () => {
    configured('admin');
    renderUi(<App />);
    expect(await screen.findByRole('button', { name: 'Admin console' })).toBeTruthy();
  });
});
