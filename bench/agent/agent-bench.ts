import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';

/** TODO */
export async function benchAgent(_config: BenchConfig, _figures: Figures): Promise<void> {}
