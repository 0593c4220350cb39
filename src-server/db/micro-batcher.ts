/** How a micro-batcher groups calls: the largest batch and how many batches may run at once. */
export interface MicroBatchOptions {
  readonly maxBatch: number;
  readonly maxInFlight: number;
}

/**
 * Runs one statement for many concurrent callers; `many` answers item by item (same order), and
 * when it throws, `one` runs for each item so every caller gets exactly the outcome it would have
 * had alone (an error one item causes never fails the others).
 */
export interface MicroBatchWork<I, O> {
  readonly many: (items: readonly I[]) => Promise<readonly O[]>;
  readonly one: (item: I) => Promise<O>;
}

interface Waiting<I, O> {
  readonly item: I;
  readonly resolve: (value: O) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * Group commit for hot single-row statements (heartbeats, key lookups): calls that arrive while a
 * batch is being collected or while `maxInFlight` batches run are applied together, so under load
 * one database round trip serves many requests, and an idle server adds only one event-loop turn.
 */
export function createMicroBatcher<I, O>(
  work: MicroBatchWork<I, O>,
  options: MicroBatchOptions,
): (item: I) => Promise<O> {
  let queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settleAlone = (w: Waiting<I, O>): void => {
    work.one(w.item).then(w.resolve, w.reject);
  };

  const run = async (batch: Waiting<I, O>[]): Promise<void> => {
    let answers: readonly O[];
    try {
      answers = await work.many(batch.map((w) => w.item));
      if (answers.length !== batch.length) throw new Error('micro-batch answered a different count');
    } catch {
      batch.forEach(settleAlone);
      return;
    }
    batch.forEach((w, i) => w.resolve(answers[i] as O));
  };

  const flush = (): void => {
    scheduled = false;
    while (queue.length > 0 && inFlight < options.maxInFlight) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void run(batch).finally(() => {
        inFlight -= 1;
        schedule();
      });
    }
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0 || inFlight >= options.maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
