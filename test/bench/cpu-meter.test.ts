import { describe, expect, it } from 'vitest';
import { cpuPerOp, netCpuPerOp } from '../../bench/lib/cpu-meter';

// The fair heartbeat ratio (BENCHMARKS.md, "HTTP layer") divides CPU per operation with the idle CPU of
// each phase's wall time taken out; this checks the arithmetic, not any timing.

describe('CPU per operation for the fair server ÷ direct ratio', () => {
  const before = { serverMs: 1_000, dbMs: 500 };
  const after = { serverMs: 1_300, dbMs: 600 };

  it('takes out what the processes burn idle over the phase, per operation', () => {
    const idle = { serverMsPerS: 20, dbMsPerS: 10 };
    // 300 ms server CPU over 5 s, 100 of it idle → 200 ms over 100 ops = 2,000 µs; db (100 − 50) / 100.
    expect(netCpuPerOp(before, after, 100, idle, 5)).toEqual({ serverUs: 2_000, dbUs: 500 });
    expect(cpuPerOp(before, after, 100)).toEqual({ serverUs: 3_000, dbUs: 1_000 });
  });

  it('never goes below zero when the idle estimate exceeds what the phase used', () => {
    const idle = { serverMsPerS: 1_000, dbMsPerS: 1_000 };
    expect(netCpuPerOp(before, after, 10, idle, 5)).toEqual({ serverUs: 0, dbUs: 0 });
  });

  it('keeps the database side unknown on PGlite (no separate database processes)', () => {
    const pglite = { serverMs: 1_000, dbMs: null };
    const net = netCpuPerOp(
      pglite,
      { serverMs: 1_100, dbMs: null },
      50,
      { serverMsPerS: 0, dbMsPerS: null },
      1,
    );
    expect(net).toEqual({ serverUs: 2_000, dbUs: null });
  });
});
