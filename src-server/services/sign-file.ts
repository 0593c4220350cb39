import type { Kysely } from 'kysely';
import type { LicenseKindName } from '../../shared/contracts/http/common';
import { licensePayloadSchema, LICENSE_FORMAT_VERSION } from '../../shared/license-file/payload-schema';
import { signLicense } from '../../shared/license-file/sign-license';
import type { Database } from '../db/schema';
import { Refusal } from '../http/refusal';
import { nodeSubtle, type IssuerSigner } from '../keys/signing-keys';

/** What goes into a lease or an offline license; the rest (version, times) is filled in here. */
export interface FileFacts {
  readonly kind: 'lease' | 'offline';
  readonly licenseId: string;
  readonly productId: string;
  readonly licenseKind: LicenseKindName;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly userId?: string | undefined;
  readonly machineId: string;
  readonly now: number;
  readonly expiresAt: number;
  /** The subscription's end, so the agent can tell "licensed until" from "works offline until". */
  readonly subscriptionEndsAt?: number;
  readonly features?: string[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Signs a license file with the active issuer key, validating the payload with the shared schema first.
 * The file embeds the key's root-signed certificate (and a lease the latest revocation list), so it
 * verifies with nothing but the root; no file may outlive its key's certificate.
 */
export async function signFile(
  db: Kysely<Database>,
  signer: IssuerSigner,
  facts: FileFacts,
): Promise<string> {
  const payload = licensePayloadSchema.parse({
    v: LICENSE_FORMAT_VERSION,
    licenseId: facts.licenseId,
    kind: facts.kind,
    productId: facts.productId,
    licenseKind: facts.licenseKind,
    organizationId: facts.organizationId,
    organizationName: facts.organizationName,
    ...(facts.userId !== undefined ? { userId: facts.userId } : {}),
    machineId: facts.machineId,
    issuedAt: iso(facts.now),
    notBefore: iso(facts.now),
    expiresAt: iso(facts.expiresAt),
    ...(facts.subscriptionEndsAt !== undefined ? { subscriptionEndsAt: iso(facts.subscriptionEndsAt) } : {}),
    features: facts.features ?? [],
  });
  const { kid, key, cert, notAfter, crl } = await signer.active(db);
  if (facts.expiresAt > notAfter.getTime()) {
    const until = notAfter.toISOString();
    throw facts.kind === 'offline'
      ? new Refusal(
          'OFFLINE_EXPIRY_TOO_LATE',
          `The server's signing key is certified only until ${until}; choose an earlier expiry, or ask the operator to run \`keys rotate\`.`,
          { signingKeyNotAfter: until },
        )
      : new Refusal(
          'SERVER_UNAVAILABLE',
          `The server's signing key is certified only until ${until}; the operator must run \`keys rotate\`.`,
        );
  }
  return signLicense(nodeSubtle, key, kid, payload, cert, facts.kind === 'lease' ? crl : undefined);
}
