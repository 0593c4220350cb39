import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { LiveSessionsSection } from '../../src-renderer/features/admin/sessions/live-sessions-section';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, ORG_ID } from './support/fixtures';
import { BOB, bobSession } from './support/people-fixtures';
import { renderUi } from './support/render';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ orgId: null, productId: null, failure: null, notice: null, version: 0 });
});

const section = () => renderUi(<LiveSessionsSection orgId={ORG_ID} productId="kre" />);

describe('Live Sessions section', () => {
  it('R21 lists who holds a license now, on which machine', async () => {
    installFakeAgent({ adminListLiveSessions: answer(bobSession) });
    section();
    expect(await screen.findByText('Bob <bob@acme.test>')).toBeTruthy();
    expect(screen.getByText(MACHINE_ID)).toBeTruthy();
  });

  it('R21 releases one session, and re-reads the table', async () => {
    const agent = installFakeAgent({
      adminListLiveSessions: answer(bobSession),
      adminForceRelease: answer({ done: true as const }),
    });
    section();
    fireEvent.click(
      await screen.findByRole('button', { name: `Release the session of bob@acme.test on ${MACHINE_ID}` }),
    );
    await waitFor(() =>
      expect(agent.calls.adminForceRelease).toHaveBeenCalledWith({
        orgId: ORG_ID,
        sessionId: bobSession.items[0]?.sessionId,
      }),
    );
    await waitFor(() => expect(agent.calls.adminListLiveSessions).toHaveBeenCalledTimes(2));
    expect(useAdminStore.getState().notice).toBe('Session released.');
  });

  it('R19 releases every session of a user at once', async () => {
    const agent = installFakeAgent({
      adminListLiveSessions: answer(bobSession),
      adminReleaseSessions: answer({ released: 2 }),
    });
    section();
    fireEvent.click(await screen.findByRole('button', { name: 'Release every session of bob@acme.test' }));
    await waitFor(() =>
      expect(agent.calls.adminReleaseSessions).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kre',
        userId: BOB,
      }),
    );
  });

  it('R21 releases every session on a machine at once', async () => {
    const agent = installFakeAgent({
      adminListLiveSessions: answer(bobSession),
      adminReleaseSessions: answer({ released: 1 }),
    });
    section();
    fireEvent.click(await screen.findByRole('button', { name: `Release every session on ${MACHINE_ID}` }));
    await waitFor(() =>
      expect(agent.calls.adminReleaseSessions).toHaveBeenCalledWith({
        orgId: ORG_ID,
        productId: 'kre',
        machineId: MACHINE_ID,
      }),
    );
  });

  it('R15 shows the server sentence when a release is refused', async () => {
    installFakeAgent({
      adminListLiveSessions: answer(bobSession),
      adminReleaseSessions: async () =>
        fail('FORBIDDEN_ROLE', 'Only an Owner or Admin can force-release sessions.'),
    });
    section();
    fireEvent.click(await screen.findByRole('button', { name: 'Release every session of bob@acme.test' }));
    await waitFor(() => expect(useAdminStore.getState().failure?.code).toBe('FORBIDDEN_ROLE'));
  });

  it('searches sessions by user or machine on the server', async () => {
    const agent = installFakeAgent({ adminListLiveSessions: answer(bobSession) });
    section();
    await screen.findByText('Bob <bob@acme.test>');
    fireEvent.change(screen.getByLabelText('Filter by user or machine ID'), { target: { value: 'bob' } });
    await waitFor(() =>
      expect(agent.calls.adminListLiveSessions).toHaveBeenLastCalledWith({
        orgId: ORG_ID,
        productId: 'kre',
        page: expect.objectContaining({ offset: 0 }),
        query: 'bob',
      }),
    );
  });
});
