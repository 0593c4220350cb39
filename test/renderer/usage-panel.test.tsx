import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { UsagePanel } from '../../src-renderer/features/admin/org/usage-panel';
import { fail } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID } from './support/fixtures';
import { renderUi } from './support/render';

afterEach(() => {
  cleanup();
  useAdminStore.setState({ version: 0 });
});

const DAY = 86_400_000;
const series = (used: number) => ({
  productId: 'kre',
  points: [{ at: midnight(0).toISOString(), peak: used, average: used, quota: 3 }],
  now: { used, quota: 3 },
});
/** The span, in days, of the usage request the panel sent last. */
const lastSpanDays = (calls: { from: string; to: string }[][]) => {
  const payload = calls.at(-1)?.[0];
  return payload ? (Date.parse(payload.to) - Date.parse(payload.from)) / DAY : NaN;
};

/** Local midnight `daysAgo` days before today, as the server aligns day buckets to the viewer's zone. */
const midnight = (daysAgo: number) => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysAgo);
};
const label = (d: Date) => d.toLocaleString(undefined, { month: 'short', day: 'numeric' });

describe('utilization chart', () => {
  it('R9 says how many licenses are in use now from the current count, not from the busiest bucket', async () => {
    installFakeAgent({
      adminGetUsage: answer({
        productId: 'kre',
        points: [{ at: midnight(0).toISOString(), peak: 2, average: 0.4, quota: 2 }],
        now: { used: 0, quota: 2 },
      }),
    });
    renderUi(<UsagePanel orgId={ORG_ID} productId="kre" />);
    expect((await screen.findByTestId('usage-summary')).textContent).toBe('0 of 2 licenses in use now.');
  });

  it('asks for buckets in the viewer’s time zone and labels today’s bucket with today’s date', async () => {
    const agent = installFakeAgent({
      adminGetUsage: answer({
        productId: 'kre',
        points: [1, 0].map((d) => ({ at: midnight(d).toISOString(), peak: d, average: d / 2, quota: 2 })),
        now: { used: 1, quota: 2 },
      }),
    });
    renderUi(<UsagePanel orgId={ORG_ID} productId="kre" />);
    expect(await screen.findByText(`${label(midnight(0))}: peak 0, average 0 of 2`)).toBeTruthy();
    expect(screen.getByText(`${label(midnight(1))}: peak 1, average 0.5 of 2`)).toBeTruthy();
    expect(agent.calls.adminGetUsage).toHaveBeenCalledWith(
      expect.objectContaining({ bucket: 'day', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    );
  });

  it('R9 asks for hour buckets over 24 hours, and 30 day buckets ending today, as the range changes', async () => {
    const agent = installFakeAgent({ adminGetUsage: answer(series(1)) });
    renderUi(<UsagePanel orgId={ORG_ID} productId="kre" />);
    await screen.findByText('1 of 3 licenses in use now.');
    expect(agent.calls.adminGetUsage.mock.calls.at(-1)?.[0]).toMatchObject({ orgId: ORG_ID, bucket: 'day' });
    expect(lastSpanDays(agent.calls.adminGetUsage.mock.calls)).toBe(6);
    fireEvent.click(screen.getByLabelText('Last 24 hours'));
    await waitFor(() => expect(agent.calls.adminGetUsage.mock.calls.at(-1)?.[0].bucket).toBe('hour'));
    expect(lastSpanDays(agent.calls.adminGetUsage.mock.calls)).toBe(1);
    fireEvent.click(screen.getByLabelText('Last 30 days'));
    await waitFor(() => expect(lastSpanDays(agent.calls.adminGetUsage.mock.calls)).toBe(29));
    expect(agent.calls.adminGetUsage.mock.calls.at(-1)?.[0].bucket).toBe('day');
  });

  it('shows the refusal sentence and claims no usage when the numbers cannot be read', async () => {
    installFakeAgent({
      adminGetUsage: async () => fail('FORBIDDEN_ROLE', 'Only an Owner or Admin can read utilization.'),
    });
    renderUi(<UsagePanel orgId={ORG_ID} productId="kre" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Only an Owner or Admin can read utilization.');
    expect(alert.getAttribute('data-code')).toBe('FORBIDDEN_ROLE');
    expect(screen.getByTestId('usage-summary').textContent).toBe('No usage recorded in this range.');
  });

  it('reads the numbers again after an admin change elsewhere in the console', async () => {
    let used = 1;
    const agent = installFakeAgent({ adminGetUsage: async () => answer(series(used))() });
    renderUi(<UsagePanel orgId={ORG_ID} productId="kre" />);
    await screen.findByText('1 of 3 licenses in use now.');
    used = 2;
    useAdminStore.setState((s) => ({ version: s.version + 1 }));
    expect(await screen.findByText('2 of 3 licenses in use now.')).toBeTruthy();
    expect(agent.calls.adminGetUsage).toHaveBeenCalledTimes(2);
  });
});
