import type { Kysely } from 'kysely';
import type { Catalog } from '../../shared/catalog/product';
import type { ServerConfig } from '../config';
import type { Database } from '../db/schema';
import type { IssuerSigner } from '../keys/signing-keys';

/** What every licensing service needs; one object so routes, CLI and jobs build it the same way. */
export interface LicensingContext {
  readonly db: Kysely<Database>;
  readonly catalog: Catalog;
  readonly signer: IssuerSigner;
  readonly config: Pick<ServerConfig, 'sessionTtlSeconds' | 'leaseDays'>;
  /** Epoch ms; injectable so tests can move time instead of sleeping. */
  readonly now: () => number;
}
