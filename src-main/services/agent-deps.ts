import type { Catalog } from '../../shared/catalog/product';
import type { SubtleCryptoPort } from '../../shared/crypto/subtle-port';
import type { Result } from '../../shared/result';
import type { ChainVerifier } from '../../shared/trust/chain-verifier';
import type { HardwareProbe } from '../adapters/hardware-probe';
import type { KeyHandover } from '../adapters/key-handover';
import type { LicenseServerClient } from '../adapters/license-server-client';
import type { LicenseStore } from '../adapters/license-store';
import type { SecretStore } from '../adapters/secret-store';
import type { StatusEvents } from './status-events';
import type { TrustSetup } from './trust-setup';

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
  /** The one verifier of this process, over the roots fixed at start (every license, list and time goes through it). */
  readonly chain: ChainVerifier;
  /** Which roots the chain holds and why (shipped, policy file, local evaluation), for status. */
  readonly trust: TrustSetup;
  /**
   * Adds the root of the license server running in this process (the desktop app's embedded server,
   * passed by main, never by a server answer). Only an evaluation build accepts it; false otherwise.
   */
  trustLocalRoot: (root: { kid: string; publicKey: string; name: string }) => boolean;
  readonly catalog: Catalog;
  readonly events: StatusEvents;
  readonly now: () => number;
  /** Keychain account label. */
  readonly account: string;
  /**
   * Shows a member's new API key to the admin outside the renderer (R15): a native window in the desktop
   * app. Absent (the CLI), adding members and reissuing keys are refused before the server issues a key.
   */
  readonly keyHandover?: KeyHandover;
}
