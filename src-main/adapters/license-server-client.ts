import type { z } from 'zod';
import type { Result } from '../../shared/result';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import {
  ActivationResponse,
  DeactivationResponse,
  type ActivationRequest,
} from '../../shared/contracts/http/activations';
import { SignedTimeResponse } from '../../shared/contracts/http/issuer';
import { HealthResponse } from '../../shared/contracts/http/health';
import { MeResponse } from '../../shared/contracts/http/me';
import {
  HeartbeatResponse,
  SessionCheckoutResponse,
  SessionReleaseResponse,
  type SessionCheckoutRequest,
} from '../../shared/contracts/http/sessions';
import {
  OfflineLicenseResponse,
  type OfflineLicenseRequest,
} from '../../shared/contracts/http/offline-licenses';
import type { HttpClient } from './http-client';

/** Typed agent-side calls of the license server; every answer validated with the shared contracts. */
export interface LicenseServerClient {
  readonly baseUrl: string;
  /** Liveness (`/healthz`): whether a Tessera server answers at this address at all. */
  health(): Promise<Result<HealthResponse>>;
  me(apiKey: string): Promise<Result<MeResponse>>;
  activate(apiKey: string, body: ActivationRequest): Promise<Result<ActivationResponse>>;
  deactivate(apiKey: string, machineId: string, productId: string): Promise<Result<DeactivationResponse>>;
  checkout(apiKey: string, body: SessionCheckoutRequest): Promise<Result<SessionCheckoutResponse>>;
  heartbeat(apiKey: string, sessionId: string): Promise<Result<z.infer<typeof HeartbeatResponse>>>;
  release(apiKey: string, sessionId: string): Promise<Result<z.infer<typeof SessionReleaseResponse>>>;
  time(nonce: string): Promise<Result<SignedTimeResponse>>;
  createOfflineLicense(
    apiKey: string,
    orgId: string,
    body: OfflineLicenseRequest,
  ): Promise<Result<OfflineLicenseResponse>>;
}

/** Maps each server operation onto the transport (activation is idempotent on the server, so it is retried). */
export const createLicenseServerClient = (http: HttpClient): LicenseServerClient => ({
  baseUrl: http.baseUrl,
  health: () => http.send({ method: 'GET', path: HTTP_PATHS.healthz, schema: HealthResponse }),
  me: (apiKey) => http.send({ method: 'GET', path: HTTP_PATHS.me, apiKey, schema: MeResponse }),
  activate: (apiKey, body) =>
    http.send({
      method: 'POST',
      path: HTTP_PATHS.activations,
      apiKey,
      body,
      schema: ActivationResponse,
      idempotent: true,
    }),
  deactivate: (apiKey, machineId, productId) =>
    http.send({
      method: 'DELETE',
      path: HTTP_PATHS.activation(machineId),
      query: { productId },
      apiKey,
      schema: DeactivationResponse,
    }),
  checkout: (apiKey, body) =>
    http.send({ method: 'POST', path: HTTP_PATHS.sessions, apiKey, body, schema: SessionCheckoutResponse }),
  heartbeat: (apiKey, sessionId) =>
    http.send({
      method: 'POST',
      path: HTTP_PATHS.heartbeat(sessionId),
      apiKey,
      schema: HeartbeatResponse,
      idempotent: true,
    }),
  release: (apiKey, sessionId) =>
    http.send({
      method: 'DELETE',
      path: HTTP_PATHS.session(sessionId),
      apiKey,
      schema: SessionReleaseResponse,
    }),
  // Signed time travels beside an activation and is best effort (the lease's own issue time still
  // counts): never retried, so a server that is down costs one wait and one notice, not two.
  time: (nonce) =>
    http.send({
      method: 'GET',
      path: HTTP_PATHS.time,
      query: { nonce },
      schema: SignedTimeResponse,
      idempotent: false,
    }),
  createOfflineLicense: (apiKey, orgId, body) =>
    http.send({
      method: 'POST',
      path: HTTP_PATHS.offlineLicenses(orgId),
      apiKey,
      body,
      schema: OfflineLicenseResponse,
    }),
});
