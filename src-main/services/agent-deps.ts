import type { Catalog } from '../../shared/catalog/product';
import type { SubtleCryptoPort } from '../../shared/crypto/subtle-port';
import type { Result } from '../../shared/result';
import type { HardwareProbe } from '../adapters/hardware-probe';
import type { LicenseServerClient } from '../adapters/license-server-client';
import type { LicenseStore } from '../adapters/license-store';
import type { SecretStore } from '../adapters/secret-store';
import type { StatusEvents } from './status-events';

/** Everything the services need, passed in once, so tests and the CLI compose real parts their own way. */
export interface AgentDeps {
  readonly dataDir: string;
  /** The license server in use now (may change at runtime through key:set / server:set-config). */
  serverUrl: () => string | undefined;
  /** Whether the user chose a remote server, the embedded one, or nothing yet. */
  serverMode: () => 'remote' | 'embedded' | 'none';
  /** Persists the user's server choice (remote URL or embedded) and makes a remote URL current. */
  chooseServer: (
    choice: { mode: 'remote'; url: string } | { mode: 'embedded' },
  ) => Promise<Result<string | undefined>>;
  /** Points the agent at a URL for this run only (the embedded server's loopback port). */
  useServerUrl: (url: string) => void;
  readonly store: LicenseStore;
  readonly probe: HardwareProbe;
  /** Keychain for one server origin (service `tessera:<origin>`). */
  readonly secrets: (serverOrigin: string) => SecretStore;
  readonly client: (baseUrl: string) => LicenseServerClient;
  readonly subtle: SubtleCryptoPort;
  /** Issuer keys shipped with the app (resources/trusted-issuers.json) for air-gapped machines. */
  readonly shippedIssuers: ReadonlyMap<string, string>;
  readonly catalog: Catalog;
  readonly events: StatusEvents;
  readonly now: () => number;
  /** Keychain account label. */
  readonly account: string;
}
