import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { MigrationPanel } from '../../src-renderer/features/admin/org/migration-panel';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, USER_ID } from './support/fixtures';
import { renderUi } from './support/render';

const OTHER_USER = '66666666-6666-4666-8666-666666666666';
const order = {
  id: '77777777-7777-4777-8777-777777777777',
  subscriptionId: '88888888-8888-4888-8888-888888888888',
  orgId: ORG_ID,
  productId: 'kse',
  endsAt: '2028-01-01T00:00:00.000Z',
  quantity: 1,
  dueAt: '2027-01-01T00:00:00.000Z',
  trigger: 'renewal' as const,
  source: 'billing' as const,
  status: 'scheduled' as const,
  failure: null,
  planIsPreview: true,
  resultIds: [],
  createdAt: '2026-11-30T00:00:00.000Z',
  appliedAt: null,
  plan: {
    trigger: 'renewal' as const,
    at: '2027-01-01T00:00:00.000Z',
    contractEndsAt: '2027-01-01T00:00:00.000Z',
    termStartsAt: '2027-01-01T00:00:00.000Z',
    termEndsAt: '2028-01-01T00:00:00.000Z',
    convert: true,
    reason:
      'The annual contract ends on 2027-01-01. the new term from 2027-01-01 holds only the new license types.',
    lines: [
      {
        licenseKind: 'per-user' as const,
        count: 1,
        startsAt: '2027-01-01T00:00:00.000Z',
        endsAt: '2028-01-01T00:00:00.000Z',
        mode: 'new' as const,
        sourceIds: [],
        from: [{ licenseKind: 'floating' as const, count: 2 }],
        rule: 'R28' as const,
        reason: '2 floating → per-user.',
      },
    ],
    retire: null,
    grants: [
      {
        userId: USER_ID,
        email: 'ada@acme.test',
        rank: 1,
        reason: 'Holds an offline floating license, so is served first. (R28 priority #1)',
      },
    ],
    released: [],
    unassigned: 0,
  },
};
const failed = {
  ...order,
  id: '99999999-9999-4999-8999-999999999999',
  dueAt: '2026-06-01T00:00:00.000Z',
  status: 'failed' as const,
  planIsPreview: false,
  plan: null,
  failure: { code: 'MODEL_CONFLICT', message: 'per-user licenses cannot coexist with floating licenses.' },
};

afterEach(() => {
  cleanup();
  useAdminStore.setState({ failure: null, notice: null });
});

describe('scheduled renewals in the Migration tab', () => {
  it('R28 R30 shows each scheduled renewal, the rule deciding each line, who receives a per-User license and why, and failed orders with their reason', async () => {
    const agent = installFakeAgent({
      adminListRenewals: answer({ orders: [failed, order, { ...order, id: OTHER_USER, productId: 'kre' }] }),
      adminListSubscriptions: answer([]),
    });
    renderUi(<MigrationPanel orgId={ORG_ID} productId="kse" />);
    const card = await screen.findByTestId(`renewal-${order.id}`);
    expect(within(card).getByText(/Will apply: The annual contract ends on 2027-01-01/)).toBeTruthy();
    expect(within(card).getByText(/· 1 license$/)).toBeTruthy();
    expect(within(card).getByText(/R28: 1 Per-User from/)).toBeTruthy();
    expect(within(card).getByText('ada@acme.test')).toBeTruthy();
    expect(within(card).getByText(/offline floating license/)).toBeTruthy();
    const bad = screen.getByTestId(`renewal-${failed.id}`);
    expect(within(bad).getByText('MODEL_CONFLICT')).toBeTruthy();
    expect(within(bad).getByText(/cannot coexist/)).toBeTruthy();
    expect(screen.queryByTestId(`renewal-${OTHER_USER}`)).toBeNull();
    expect(agent.calls.adminListRenewals).toHaveBeenCalledWith({ orgId: ORG_ID });
  });
});
