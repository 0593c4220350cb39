// The only static import of @mantine/charts: its chunk carries the chart CSS with it (lazy-line-chart.tsx).
import '@mantine/charts/styles.css';

/** Re-exported for the dynamic import in lazy-line-chart.tsx. */
export { LineChart } from '@mantine/charts';
