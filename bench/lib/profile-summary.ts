// `tsx bench/lib/profile-summary.ts <file.cpuprofile> [top]`: top self-time functions and packages of a
// `node --cpu-prof` profile, the table BENCHMARKS.md quotes (no flame-graph tool needed).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** Where a frame's code lives: an npm package, node internals, the repo, or V8 itself. */
const areaOf = (url: string): string => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  if (url.startsWith('node:')) return 'node';
  if (url === '') return '(v8/native)';
  return url.replace(/^file:\/\/.*?\/(src-server|shared|bench|test)\//, '$1/').split('/')[0] ?? url;
};

/** Self time (ms) per key, sorted, with percentages of the non-idle total. */
function tally(weights: Map<string, number>, busy: number, top: number): string[] {
  return [...weights.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, us]) =>
        `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${key}`,
    );
}

/** Prints idle share, self time by area and the top functions by self time. */
export function summarizeProfile(path: string, top = 25): string {
  const profile = ProfileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  let idle = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id);
    total += us;
    if (frame === undefined || frame.functionName === '(idle)') {
      idle += us;
      return;
    }
    const file = frame.url.split('/').slice(-2).join('/');
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    areas.set(areaOf(frame.url), (areas.get(areaOf(frame.url)) ?? 0) + us);
  });
  const busy = Math.max(1, total - idle);
  return [
    `profile ${(total / 1e6).toFixed(1)} s, idle ${((100 * idle) / Math.max(1, total)).toFixed(1)}%, busy ${(busy / 1e6).toFixed(1)} s`,
    'self time by area:',
    ...tally(areas, busy, 15),
    'top functions by self time:',
    ...tally(fns, busy, top),
  ].join('\n');
}

const file = process.argv[2];
if (file !== undefined && import.meta.url.endsWith(process.argv[1]?.split('/').pop() ?? '\0'))
  process.stdout.write(`${summarizeProfile(file, Number(process.argv[3] ?? 25))}\n`);
