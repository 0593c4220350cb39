import { useEffect, useState } from 'react';
import { LineChart } from '../../../lib/lazy-line-chart';
import { SegmentedControl, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { IpcResponse } from '../../../../shared/contracts/ipc';
import { call, type CallFailure } from '../../../agent';
import { FailureAlert } from '../../../lib/failure-alert';
import { useAdminStore } from '../admin-store';

type Usage = IpcResponse<'admin:get-usage'>;
const RANGES = {
  '1': { days: 1, bucket: 'hour' },
  '7': { days: 7, bucket: 'day' },
  '30': { days: 30, bucket: 'day' },
} as const;

/** Utilization dashboard: licenses in use against the quota over a chosen range, with a text summary for screen readers. */
export function UsagePanel({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const [range, setRange] = useState<keyof typeof RANGES>('7');
  const [usage, setUsage] = useState<Usage | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);

  useEffect(() => {
    let live = true;
    const { days, bucket } = RANGES[range];
    const to = new Date();
    // Day ranges end with today's bucket and start `days - 1` local midnights before it.
    const from = new Date(to.getTime() - (bucket === 'day' ? days - 1 : days) * 86_400_000);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    void call((a) =>
      a.adminGetUsage({
        orgId,
        productId,
        from: from.toISOString(),
        to: to.toISOString(),
        bucket,
        timeZone,
      }),
    ).then((r) => {
      if (!live) return;
      setUsage(r.ok ? r.value : null);
      setFailure(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [orgId, productId, range, version]);

  // Each bucket starts at the viewer's hour or midnight (the server aligns them to this time zone),
  // so the label of a bucket is the local hour or day it starts.
  const data = (usage?.points ?? []).map((p) => ({
    at: new Date(p.at).toLocaleString(
      undefined,
      RANGES[range].bucket === 'hour' ? { hour: '2-digit' } : { month: 'short', day: 'numeric' },
    ),
    peak: p.peak,
    average: p.average,
    quota: p.quota,
  }));
  const now = usage?.now;
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Time range"
        value={range}
        onChange={(v) => setRange(v in RANGES ? (v as keyof typeof RANGES) : '7')}
        data={[
          { value: '1', label: 'Last 24 hours' },
          { value: '7', label: 'Last 7 days' },
          { value: '30', label: 'Last 30 days' },
        ]}
        w="fit-content"
      />
      <FailureAlert failure={failure} />
      <Text size="sm" data-testid="usage-summary">
        {now ? `${now.used} of ${now.quota} licenses in use now.` : 'No usage recorded in this range.'}
      </Text>
      <div role="img" aria-label="Peak and average licenses in use compared with the quota over time">
        <LineChart
          h={280}
          data={data}
          dataKey="at"
          withLegend
          curveType="stepAfter"
          series={[
            { name: 'peak', label: 'Peak in use', color: 'indigo.6' },
            { name: 'average', label: 'Average in use', color: 'teal.6' },
            { name: 'quota', label: 'Quota', color: 'red.6', strokeDasharray: '5 5' },
          ]}
        />
      </div>
      <VisuallyHidden>
        <ul>
          {data.map((p) => (
            <li key={p.at}>{`${p.at}: peak ${p.peak}, average ${p.average} of ${p.quota}`}</li>
          ))}
        </ul>
      </VisuallyHidden>
    </Stack>
  );
}
