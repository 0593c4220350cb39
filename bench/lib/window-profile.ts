import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * Profiles this process (the server under test) during `work` only, when BENCH_CPU_PROFILE names a
 * folder: `<folder>/<label>.cpuprofile`, summarised by `bench/lib/profile-summary.ts`. Seeding, the
 * direct twin and start-up stay out of the profile, so it shows what one kind of request costs.
 */
export async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (folder === undefined || folder === '') return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(folder, `${label}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
