import type { FastifyInstance } from 'fastify';
import { ActivationResponse } from '../../shared/contracts/http/activations';
import type { MachineInfo } from '../../shared/contracts/http/common';
import { OfflineLicenseResponse } from '../../shared/contracts/http/offline-licenses';
import { SeatResponse } from '../../shared/contracts/http/seats';
import { SessionCheckoutResponse } from '../../shared/contracts/http/sessions';
import { call, refusal } from './helpers';

// Typed shortcuts over app.inject for the agent-facing operations, so tests read as scenarios.

/** Activates and expects success. */
export async function activateOk(
  app: FastifyInstance,
  key: string,
  productId: string,
  machine: MachineInfo,
  extra: Record<string, unknown> = {},
) {
  const res = await call(app, 'POST', '/v1/activations', { key, body: { productId, machine, ...extra } });
  if (res.status !== 200) throw new Error(`activation refused ${res.status}: ${JSON.stringify(res.body)}`);
  return ActivationResponse.parse(res.body);
}

/** Activates and expects a refusal; returns status + code + message. */
export async function activateRefused(
  app: FastifyInstance,
  key: string,
  productId: string,
  machine: MachineInfo,
  extra: Record<string, unknown> = {},
) {
  const res = await call(app, 'POST', '/v1/activations', { key, body: { productId, machine, ...extra } });
  if (res.status === 200) throw new Error('activation unexpectedly granted');
  return { status: res.status, ...refusal(res.body) };
}

/** Checks out a session; returns the parsed success or the refusal. */
export async function checkoutSession(
  app: FastifyInstance,
  key: string,
  productId: string,
  machineId: string,
  extra: { applicationId?: string } = {},
) {
  const res = await call(app, 'POST', '/v1/sessions', { key, body: { productId, machineId, ...extra } });
  return res.status === 200
    ? { ok: true as const, value: SessionCheckoutResponse.parse(res.body) }
    : { ok: false as const, status: res.status, error: refusal(res.body) };
}

/** Grants a seat as `key` (owner/admin); returns the parsed seat or the refusal. */
export async function grantSeat(
  app: FastifyInstance,
  key: string,
  orgId: string,
  productId: string,
  userId: string,
) {
  const res = await call(app, 'POST', `/v1/orgs/${orgId}/seats`, { key, body: { productId, userId } });
  return res.status === 201
    ? { ok: true as const, value: SeatResponse.parse(res.body) }
    : { ok: false as const, status: res.status, error: refusal(res.body) };
}

/** Creates an offline license as `key` (or gets back the one the machine holds); returns the parsed file or the refusal. */
export async function createOffline(
  app: FastifyInstance,
  key: string | undefined,
  orgId: string,
  body: Record<string, unknown>,
) {
  const res = await call(app, 'POST', `/v1/orgs/${orgId}/offline-licenses`, { key, body });
  return res.status === 201 || res.status === 200
    ? { ok: true as const, value: OfflineLicenseResponse.parse(res.body) }
    : { ok: false as const, status: res.status, error: refusal(res.body) };
}
