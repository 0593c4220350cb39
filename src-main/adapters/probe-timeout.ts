/**
 * Bounds on reading the OS. They only exist so a hung tool or file (a stuck `ioreg`, PowerShell or
 * sysfs read) never blocks the probe forever; they are far above what a loaded machine needs (the whole
 * read has taken 12 s on two cores at load 30, BENCHMARKS.md).
 */
export const IDENTITY_READ_TIMEOUT_MS = 20_000;
/** Bound on each read of the facts that do not feed the machine ID (disk, network, platform details). */
export const DETAIL_READ_TIMEOUT_MS = 30_000;

/** A read of one hardware fact that did not answer in time: identity reads turn it into a typed refusal. */
export class ProbeTimeoutError extends Error {
  readonly code = 'PROBE_TIMEOUT';
  constructor(
    readonly fact: string,
    readonly timeoutMs: number,
  ) {
    super(`Reading ${fact} took longer than ${timeoutMs} ms.`);
    this.name = 'ProbeTimeoutError';
  }
}

/** Settles like `read`, or rejects with ProbeTimeoutError after `timeoutMs`; the timer never keeps the process alive. */
export const withTimeout = <T>(read: () => Promise<T>, fact: string, timeoutMs: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ProbeTimeoutError(fact, timeoutMs)), timeoutMs);
    timer.unref();
    Promise.resolve()
      .then(read)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
  });
