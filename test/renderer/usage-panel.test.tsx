import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { UsagePanel } from '../../src-renderer/features/admin/org/usage-panel';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID } from './support/fixtures';
import { renderUi } from './support/render';

afterEach(cleanup);

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
});
