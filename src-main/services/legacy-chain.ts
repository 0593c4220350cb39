// trust-agent replaces this: a stand-in ChainVerifier over the agent's old pinned signing keys, so the
// agent keeps today's behaviour while the shared chain lands. It checks no certificate and no list.
import { importVerifyKey } from '../../shared/crypto/issuer-keys';
import type { SubtleCryptoPort } from '../../shared/crypto/subtle-port';
import { fail, ok } from '../../shared/result';
import type { ChainVerifier } from '../../shared/trust/chain-verifier';
import { keyCertificatePayloadSchema } from '../../shared/trust/key-certificate';
import { revocationListPayloadSchema } from '../../shared/trust/revocation-list';
import { parseSignedPayload } from '../../shared/trust/signed-object';

/** Trusts exactly the given signing keys (kid → raw public key, base64), as verifyLicense did before roots. */
export const legacyKeyChain = (
  subtle: SubtleCryptoPort,
  keys: ReadonlyMap<string, string>,
): ChainVerifier => {
  const certifiedKey: ChainVerifier['certifiedKey'] = async (cert, ctx) => {
    const publicKey = keys.get(ctx.kid);
    const key = publicKey === undefined ? undefined : await importVerifyKey(subtle, publicKey);
    if (publicKey === undefined || key === undefined) {
      return fail(
        'UNTRUSTED_ISSUER',
        `This license was issued by a key (${ctx.kid}) this installation does not trust. Ask your administrator for a license from your organization's license server.`,
        { kid: ctx.kid },
      );
    }
    const rootKid = (cert && parseSignedPayload(keyCertificatePayloadSchema, cert)?.rootKid) ?? ctx.kid;
    const root = { kid: rootKid, publicKey, name: 'pinned issuer key', source: 'vendor' as const };
    const certificate = {
      v: 1 as const,
      kid: ctx.kid,
      publicKey,
      issuer: 'pinned issuer key',
      rootKid,
      notBefore: '1970-01-01T00:00:00.000Z',
      notAfter: '9999-12-31T00:00:00.000Z',
    };
    return ok({ kid: ctx.kid, key, root, certificate });
  };
  return {
    subtle,
    roots: new Map(),
    certifiedKey,
    signingKey: certifiedKey,
    verifyRevocationList: (obj) => {
      const list = parseSignedPayload(revocationListPayloadSchema, obj);
      return Promise.resolve(
        list === undefined
          ? fail('BAD_CERTIFICATE', 'The revocation list in this file is damaged.')
          : ok({ ...list, revoked: [] }),
      );
    },
  };
};
