import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LicenseStore } from '../../src-main/adapters/license-store';

/** A loopback proxy in front of the license server that counts the requests an agent makes. */
export interface CountingProxy {
  readonly url: string;
  /** Paths (with method) of every request since the last reset, in arrival order. */
  readonly requests: string[];
  /** Whether an activation and a `GET /v1/time` were both waiting for their answers at one moment. */
  timeDuringActivation: boolean;
  reset(): void;
  close(): Promise<void>;
}

const forward = (target: URL, req: IncomingMessage, res: ServerResponse, release: Promise<void>) => {
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      void release.then(() => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
};

/**
 * Starts the proxy. The answers to an activation and to a signed-time request are held back until both
 * requests have arrived (or 5 s passed), which tells "asked together" from "asked one after the other"
 * without timing anything.
 */
export const startCountingProxy = async (targetUrl: string): Promise<CountingProxy> => {
  const target = new URL(targetUrl);
  const arrived = new Set<string>();
  let openGate: () => void = () => undefined;
  let gate = Promise.resolve();
  const armGate = () => {
    gate = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      openGate = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    proxy.requests.push(`${req.method} ${path}`);
    const paired =
      path === '/v1/time'
        ? 'time'
        : req.method === 'POST' && path === '/v1/activations'
          ? 'activation'
          : undefined;
    if (paired === undefined) {
      forward(target, req, res, Promise.resolve());
      return;
    }
    if (arrived.size === 0) armGate();
    arrived.add(paired);
    if (arrived.size === 2) {
      proxy.timeDuringActivation = true;
      openGate();
    }
    forward(
      target,
      req,
      res,
      gate.then(() => arrived.clear()),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: CountingProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    timeDuringActivation: false,
    reset: () => {
      proxy.requests.length = 0;
      proxy.timeDuringActivation = false;
      arrived.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
};

/**
 * The real store, counting the writes made through it (an `update` whose change held) and the updates
 * asked (`updates`, each one takes the lock, written or not).
 */
export const countingStore = (store: LicenseStore): LicenseStore & { writes: number; updates: number } => {
  const counted = {
    path: store.path,
    writes: 0,
    updates: 0,
    load: () => store.load(),
    update: ((change) => {
      counted.updates += 1;
      return store.update(async (state) => {
        const result = await change(state);
        if (result.ok) counted.writes += 1;
        return result;
      });
    }) as LicenseStore['update'],
  };
  return counted;
};
