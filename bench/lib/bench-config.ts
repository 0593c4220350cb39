// The two sizes of the bench: the full run (BENCHMARKS.md figures) and `--quick`, a smoke run of the harness.

/** Knobs every suite reads. */
export interface BenchConfig {
  readonly quick: boolean;
  /** Repeated runs per figure; the table shows their median. */
  readonly repeats: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly concurrencies: readonly number[];
  readonly heartbeatSessions: readonly number[];
  readonly heartbeatConnections: number;
  /** Suite `scale` (PostgreSQL): live sessions seeded, smallest first; the culling runs at the largest. */
  readonly scaleSessions: readonly number[];
  /** Seconds of heartbeat load run while the culling job ends the stale sessions. */
  readonly cullLoadSeconds: number;
  /** Suite `burst`: distinct users activating once each, and the connections they arrive on. */
  readonly burstUsers: number;
  readonly burstConnections: number;
  readonly adminMachines: number;
  readonly adminAuditEvents: number;
  /** Admin reads: responses per round, and the round's time cap in seconds. */
  readonly adminReads: { readonly count: number; readonly capSeconds: number };
  readonly agentIterations: number;
}

/** The full bench: ~20 minutes on a loaded 2-core machine. */
export const FULL: BenchConfig = {
  quick: false,
  repeats: 3,
  durationSeconds: 3,
  warmupSeconds: 0.5,
  concurrencies: [1, 8, 32, 128],
  heartbeatSessions: [10_000, 100_000],
  heartbeatConnections: 32,
  scaleSessions: [100_000, 1_000_000],
  cullLoadSeconds: 20,
  burstUsers: 20_000,
  burstConnections: 64,
  adminMachines: 100_000,
  adminAuditEvents: 1_000_000,
  adminReads: { count: 25, capSeconds: 5 },
  agentIterations: 200,
};

/** The smoke run: every suite once, tiny seeds, well under a minute of load. */
export const QUICK: BenchConfig = {
  quick: true,
  repeats: 1,
  durationSeconds: 0.5,
  warmupSeconds: 0.2,
  concurrencies: [1, 8],
  heartbeatSessions: [1_000],
  heartbeatConnections: 8,
  scaleSessions: [1_000, 2_000],
  cullLoadSeconds: 1,
  burstUsers: 200,
  burstConnections: 8,
  adminMachines: 1_000,
  adminAuditEvents: 10_000,
  adminReads: { count: 5, capSeconds: 1 },
  agentIterations: 10,
};
