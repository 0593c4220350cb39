// The load generator, run as its own process so it never shares an event loop with the server it measures.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { percentileOrNull } from '../lib/stats';
import { LoadSpecSchema, type LoadResult } from './load-spec';

interface ConnectionState {
  client: number;
  next: number;
}

/** Runs one spec with autocannon; each connection is one client cycling its own requests. */
async function runLoad(specPath: string): Promise<LoadResult> {
  const spec = LoadSpecSchema.parse(JSON.parse(readFileSync(specPath, 'utf8')));
  let connectionsSeen = 0;
  let burstNext = 0;
  const burstTotal = spec.eachClientOnce === true ? spec.clients.length : Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  let non2xx = 0;
  let firstFailure: string | null = null;
  let countFrom = Number.POSITIVE_INFINITY;
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(
    {
      url: spec.url,
      connections: spec.connections,
      duration: spec.durationSeconds + spec.warmupSeconds,
      ...(spec.eachClientOnce === true ? { amount: spec.clients.length } : {}),
      timeout: 30,
      requests: [
        {
          method: spec.method,
          setupRequest: (request, context) => {
            if (spec.eachClientOnce === true) {
              const client = spec.clients[Math.min(burstNext, spec.clients.length - 1)];
              burstNext += 1;
              const first = client?.requests[0];
              const headers: Record<string, string> = { authorization: client?.authorization ?? '' };
              if (first?.body !== undefined) headers['content-type'] = 'application/json';
              return { ...request, path: first?.path ?? '/', body: first?.body, headers };
            }
            const state = context as Partial<ConnectionState>;
            if (state.client === undefined) {
              state.client = connectionsSeen % spec.clients.length;
              state.next = Math.floor(connectionsSeen / spec.clients.length) * 7;
              connectionsSeen += 1;
            }
            const client = spec.clients[state.client];
            if (client === undefined) return request;
            const pick = client.requests[(state.next ?? 0) % client.requests.length];
            state.next = (state.next ?? 0) + 1;
            const headers: Record<string, string> = { authorization: client.authorization };
            if (pick?.body !== undefined) headers['content-type'] = 'application/json';
            return { ...request, path: pick?.path ?? '/', body: pick?.body, headers };
          },
          onResponse: (status, body) => {
            if (firstFailure === null && (status < 200 || status >= 300))
              firstFailure = `${status} ${body.slice(0, 300)}`;
          },
        },
      ],
    },
    (error, result) => finish(error, result),
  );
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  countFrom = started + spec.warmupSeconds * 1000;
  let allResponses = 0;
  instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
    allResponses += 1;
    if (performance.now() < countFrom) return;
    latencies.push(responseTime);
    if (spec.maxRequests !== undefined && latencies.length >= spec.maxRequests) instance.stop();
    if (allResponses >= burstTotal) instance.stop();
    if (statusCode < 200 || statusCode >= 300) non2xx += 1;
  });
  const result = await done;
  const cpu = process.cpuUsage(cpuAtStart);
  const measuredSeconds = Math.max(0.001, (performance.now() - countFrom) / 1000);
  return {
    requestsPerSecond: latencies.length / measuredSeconds,
    completed: latencies.length,
    non2xx,
    errors: result.errors,
    p50Ms: percentileOrNull(latencies, 50),
    p95Ms: percentileOrNull(latencies, 95),
    p99Ms: percentileOrNull(latencies, 99),
    measuredSeconds,
    allResponses,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    firstFailure,
  };
}

const specPath = process.argv[2];
if (specPath === undefined) {
  process.stderr.write('usage: load-worker <spec.json>\n');
  process.exit(2);
}
runLoad(specPath).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
