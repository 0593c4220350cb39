/** One list of the agent-facing URLs, so the client and the server cannot drift on a path. */
export const HTTP_PATHS = {
  me: '/v1/me',
  activations: '/v1/activations',
  activation: (machineId: string) => `/v1/activations/${encodeURIComponent(machineId)}`,
  sessions: '/v1/sessions',
  session: (sessionId: string) => `/v1/sessions/${encodeURIComponent(sessionId)}`,
  heartbeat: (sessionId: string) => `/v1/sessions/${encodeURIComponent(sessionId)}/heartbeat`,
  orgSession: (orgId: string, sessionId: string) =>
    `/v1/orgs/${encodeURIComponent(orgId)}/sessions/${encodeURIComponent(sessionId)}`,
  offlineLicenses: (orgId: string) => `/v1/orgs/${encodeURIComponent(orgId)}/offline-licenses`,
  seats: (orgId: string) => `/v1/orgs/${encodeURIComponent(orgId)}/seats`,
  seat: (orgId: string, userId: string, productId: string) =>
    `/v1/orgs/${encodeURIComponent(orgId)}/seats/${encodeURIComponent(userId)}?productId=${encodeURIComponent(productId)}`,
  seatTransfer: (orgId: string) => `/v1/orgs/${encodeURIComponent(orgId)}/seats/transfer`,
  issuerKeys: '/v1/issuer-keys',
  time: '/v1/time',
  healthz: '/healthz',
  readyz: '/readyz',
  openapi: '/openapi.json',
} as const;

/** The header carrying the per-user API key: `Authorization: Bearer tsk_…`. */
export const AUTH_SCHEME = 'Bearer';
