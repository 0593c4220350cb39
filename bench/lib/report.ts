import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { meets, ResultsFileSchema, type Figure, type ResultsFile } from './figures';

/** The machine the figures were taken on, recorded next to them because shared machines differ. */
export function describeMachine(postgres: string | null, loadAtStart: number): ResultsFile['machine'] {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    postgres,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  };
}

const show = (value: number | null): string =>
  value === null ? 'n/a' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);

/** The table `npm run bench` prints: figure, median, unit, target and whether it is met. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const met = meets(f);
    const target = f.target ? `${f.target.op} ${f.target.value}` : '';
    return [
      f.key,
      show(f.value),
      f.unit,
      target,
      met === undefined ? '' : met ? 'ok' : 'MISSED',
      f.note ?? '',
    ];
  });
  const header = ['figure', 'median', 'unit', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Writes bench/results/<timestamp>.json after validating it against the schema; returns the path. */
export function writeResults(dir: string, results: ResultsFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, `${JSON.stringify(ResultsFileSchema.parse(results), null, 2)}\n`);
  return path;
}
