// The charts library (recharts under @mantine/charts) and its CSS are fetched the first time a chart shows,
// so screens without charts never load them (see docs/renderer-bundles.md).
import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@mantine/core';
import type { LineChart as MantineLineChart } from '@mantine/charts';

const Chart = lazy(() => import('./line-chart-module').then((m) => ({ default: m.LineChart })));

/** Mantine's LineChart, loaded on first use; a skeleton of the same height stands in while it loads. */
export function LineChart(props: ComponentProps<typeof MantineLineChart>) {
  return (
    <Suspense fallback={<Skeleton h={props.h ?? 280} aria-label="Loading chart" />}>
      <Chart {...props} />
    </Suspense>
  );
}
