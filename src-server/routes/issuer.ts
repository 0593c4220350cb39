import { signPrefixed } from '../../shared/crypto/prefixed-signature';
import {
  IssuerKeysResponse,
  SIGNED_TIME_PREFIX,
  SignedTimeResponse,
  TimeQuery,
} from '../../shared/contracts/http/issuer';
import { errorResponses } from '../../shared/contracts/http/common';
import { canonicalJson } from '../../shared/license-file/canonical-json';
import { listSigningKeys, nodeSubtle } from '../keys/signing-keys';
import type { RouteModule } from './route-deps';

/** Public, unauthenticated: the issuer keys agents pin, and a signed clock for rollback defence. */
export const issuerRoutes: RouteModule = async (app, { ctx }) => {
  app.get(
    '/v1/issuer-keys',
    { schema: { tags: ['agent'], response: { 200: IssuerKeysResponse, ...errorResponses } } },
    async () => ({
      keys: (await listSigningKeys(ctx.db)).map((k) => ({
        kid: k.kid,
        alg: 'Ed25519' as const,
        publicKey: k.publicKey,
        active: k.active,
        createdAt: k.createdAt.toISOString(),
      })),
    }),
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
      const { kid, key } = await ctx.signer.active(ctx.db);
      const sig = await signPrefixed(nodeSubtle, key, SIGNED_TIME_PREFIX, payload);
      return { now, payload, alg: 'Ed25519' as const, kid, sig };
    },
  );
};
