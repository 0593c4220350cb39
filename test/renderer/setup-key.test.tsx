import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiKeyForm } from '../../src-renderer/features/setup/api-key-form';
import { useSetupStore } from '../../src-renderer/features/setup/setup-store';
import { answer, installFakeAgent } from './support/fake-agent';
import { renderUi } from './support/render';

const SECRET = 'tsk_live_0123456789abcdef';

afterEach(cleanup);

describe('API key entry', () => {
  it('sends the key once through key:set, clears the field and keeps no secret in any store', async () => {
    const agent = installFakeAgent({ keySet: answer({ hasKey: true, serverUrl: 'https://licenses.test' }) });
    useSetupStore.setState({
      server: {
        config: { mode: 'remote', url: 'https://licenses.test' },
        activeUrl: 'https://licenses.test',
      },
      key: { hasKey: false, serverUrl: null },
    });
    renderUi(<ApiKeyForm />);
    const field = screen.getByLabelText('API key') as HTMLInputElement;
    expect(field.type).toBe('password');
    fireEvent.change(field, { target: { value: SECRET } });
    fireEvent.click(screen.getByRole('button', { name: 'Save API key' }));
    await waitFor(() =>
      expect(agent.calls.keySet).toHaveBeenCalledWith({ serverUrl: 'https://licenses.test', apiKey: SECRET }),
    );
    expect(agent.calls.keySet).toHaveBeenCalledTimes(1);
    expect(field.value).toBe('');
    expect(JSON.stringify(useSetupStore.getState())).not.toContain(SECRET);
    expect(await screen.findByText(/An API key is stored/)).toBeTruthy();
  });

  it('refuses to send a key before a server is chosen, saying what to do', async () => {
    const agent = installFakeAgent();
    useSetupStore.setState({
      server: { config: null, activeUrl: null },
      key: { hasKey: false, serverUrl: null },
      failure: null,
    });
    expect(await useSetupStore.getState().saveKey(SECRET)).toBe(false);
    expect(agent.calls.keySet).not.toHaveBeenCalled();
    expect(useSetupStore.getState().failure?.message).toMatch(/Choose a license server/);
  });
});
