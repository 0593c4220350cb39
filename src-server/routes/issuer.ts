import { signPrefixed } from '../../shared/crypto/prefixed-signature';
import {
  IssuerKeysResponse,
  RevocationsResponse,
  SIGNED_TIME_PREFIX,
  SignedTimeResponse,
  TimeQuery,
} from '../../shared/contracts/http/issuer';
import { errorResponses } from '../../shared/contracts/http/common';
import { canonicalJson } from '../../shared/license-file/canonical-json';
import { Refusal } from '../http/refusal';
import { latestRevocationList } from '../keys/revocations';
import { listSigningKeys, nodeSubtle } from '../keys/signing-keys';
import type { RouteModule } from './route-deps';

const iso = (d: Date | null | undefined): string => (d ?? new Date(0)).toISOString();

/**
 * Public, unauthenticated: the signing keys with their root-signed certificates, the latest revocation
 * list, and a signed clock for rollback defence. Agents trust none of it beyond what their roots certify.
 */
export const issuerRoutes: RouteModule = async (app, { ctx }) => {
  app.get(
    '/v1/issuer-keys',
    { schema: { tags: ['agent'], response: { 200: IssuerKeysResponse, ...errorResponses } } },
    async () => ({
      keys: (await listSigningKeys(ctx.db)).flatMap((k) =>
        k.certificate === undefined
          ? []
          : [
              {
                kid: k.kid,
                alg: 'Ed25519' as const,
                publicKey: k.publicKey,
                active: k.active,
                createdAt: k.createdAt.toISOString(),
                certificate: k.certificate,
                notBefore: iso(k.notBefore),
                notAfter: iso(k.notAfter),
                revoked: k.revokedAt != null,
              },
            ],
      ),
    }),
  );
  app.get(
    '/v1/trust/revocations',
    { schema: { tags: ['agent'], response: { 200: RevocationsResponse, ...errorResponses } } },
    async () => {
      const list = await latestRevocationList(ctx.db);
      if (list === undefined)
        throw new Refusal('NOT_FOUND', 'This server has no revocation list yet; restart it.');
      return list;
    },
  );
  app.get(
    '/v1/time',
    {
      schema: {
        tags: ['agent'],
        querystring: TimeQuery,
        response: { 200: SignedTimeResponse, ...errorResponses },
      },
    },
    async (request) => {
      const now = new Date(ctx.now()).toISOString();
      const payload = canonicalJson({ now, nonce: request.query.nonce });
      const { kid, key, cert } = await ctx.signer.active(ctx.db);
      const sig = await signPrefixed(nodeSubtle, key, SIGNED_TIME_PREFIX, payload);
      return { now, payload, alg: 'Ed25519' as const, kid, sig, cert };
    },
  );
};
