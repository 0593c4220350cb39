import { describe, expect, it } from 'vitest';
import { ActivationResponse } from '../../shared/contracts/http/activations';
import { HeartbeatResponse } from '../../shared/contracts/http/sessions';
import { compiledSerializerCompiler } from '../../src-server/http/compiled-serializer';

const id = '3f1c8e0a-1234-4abc-8def-0123456789ab';
const at = '2026-01-01T00:00:00.000Z';
const session = {
  id,
  productId: 'kre',
  organizationId: id,
  machineId: 'M-1',
  startedAt: at,
  heartbeatAt: at,
  expiresAt: at,
  heartbeatIntervalSeconds: 30,
};

const compile = (schema: unknown, url: string, httpStatus = '200') =>
  compiledSerializerCompiler({ schema, method: 'POST', url, httpStatus } as never);

describe('compiled serializers of the hot routes', () => {
  it('R21 a heartbeat answer is written with exactly the contract fields, as zod would', () => {
    const write = compile(HeartbeatResponse, '/v1/sessions/:sessionId/heartbeat');
    const answer = { session: { ...session, user_id: 'secret-internal' } };
    expect(JSON.parse(write(answer))).toEqual(HeartbeatResponse.parse(answer));
  });

  it('R20 an activation answer with and without a session matches the zod contract', () => {
    const write = compile(ActivationResponse, '/v1/activations');
    const base = {
      activationId: id,
      organizationId: id,
      productId: 'kse',
      licenseKind: 'per-user',
      machineId: 'M-1',
      lease: 'LEASE',
      leaseExpiresAt: at,
      endedSessions: [{ sessionId: id, machineId: 'M-0', reason: 'moved', extra: 1 }],
    };
    for (const answer of [
      { ...base, session: null },
      { ...base, session },
    ])
      expect(JSON.parse(write(answer))).toEqual(ActivationResponse.parse(answer));
  });

  it('other routes keep the zod serializer, which refuses an answer outside the contract', () => {
    const write = compile(HeartbeatResponse, '/v1/orgs/:orgId/sessions');
    expect(() => write({ session: { id: 'not-a-uuid' } })).toThrow();
  });
});
