import { decideKreActivation } from '../../../shared/domain/kre-activation';
import { decidePerUserActivation, isFixedMachine } from '../../../shared/domain/per-user';
import { decideMachineRegistration, decideSessionCheckout } from '../../../shared/domain/sessions';
import { fail, type Result } from '../../../shared/result';
import { addsLicense } from '../../../shared/domain/line-use';
import { expected, guarded, type Effect, type Expected } from './expect-admin';
import { machineHoldings, usedLicenses } from './model-numbers';
import { explained } from './expect-removal';
import {
  activatedMachines,
  activateKey,
  activationKey,
  deactivateKeys,
  endSessions,
  homeOf,
  liveSessions,
  offlineMachines,
  reaches,
  type Model,
  type ModelSession,
} from './model';
import { TERMS, type ProductName, type UserName } from './world';

// What the model expects of the agent's calls (R19, R21, R22, R23) and of removing a machine ID.

/** Opens a session with the server's id, or refreshes the one resumed (R19). */
function openOrResume(
  m: Model,
  p: ProductName,
  u: UserName,
  machine: string,
  resume: string | null,
  id = '',
) {
  const resumed = m.sessions.find((s) => s.serverId === resume);
  if (resumed) resumed.heartbeatAt = m.now;
  else
    m.sessions.push({
      serverId: id,
      product: p,
      user: u,
      machine,
      startedAt: m.now,
      heartbeatAt: m.now,
      endedAt: null,
      endCode: null,
    });
}

/** The user's one live per-User session (R19). */
const liveOf = (m: Model, u: UserName) => liveSessions(m, 'kse').find((s) => s.user === u) ?? null;

/** R19 per-User use: licensed, fixed machine; a new machine ends the session elsewhere. */
function perUser(m: Model, u: UserName, machine: string, licensed: boolean) {
  const active = liveOf(m, u);
  return decidePerUserActivation({
    licensed,
    machineId: machine,
    fixedMachine: isFixedMachine('physical'),
    activeSession: active && { sessionId: active.serverId, machineId: active.machine },
  });
}

const registration = (m: Model, p: ProductName, machine: string) => {
  const registered = new Set(activatedMachines(m, p));
  return decideMachineRegistration({
    alreadyRegistered: registered.has(machine),
    registeredMachines: registered.size,
    machineQuota: TERMS[p].machineQuota,
  });
};

/** The refusals before any rule: a revoked key, a user who reaches no organization with the product. */
function gate(m: Model, u: UserName): Result<Effect> | null {
  if (m.revoked.has(u)) return fail('KEY_REVOKED', 'Your API key was revoked.');
  if (!reaches(m, u)) return fail('PRODUCT_NOT_SUBSCRIBED', 'You belong to no organization with it.');
  return null;
}

/** POST /v1/activations, with the removal explained (R23). */
export function expectActivate(m: Model, p: ProductName, u: UserName, machine: string): Expected {
  if (m.revoked.has(u)) return expected(fail('KEY_REVOKED', 'Your API key was revoked.'));
  return explained(m, p, u, machine, gate(m, u) ?? activation(m, p, u, machine));
}

/** POST /v1/activations (R19 for KSE, R20–R22 for KRE, R21 machine quota). */
function activation(m: Model, p: ProductName, u: UserName, machine: string): Result<Effect> {
  if (p === 'kse') {
    const d = perUser(m, u, machine, m.seats.has(u));
    if (!d.ok) return d;
    const r = registration(m, p, machine);
    if (!r.ok) return r;
    const { endSession, resumeSessionId } = d.value;
    return guarded(m, p, homeOf(u), (x, id) => {
      if (endSession) endSessions(x, (s) => s.serverId === endSession.sessionId);
      activateKey(x, activationKey(p, u, machine));
      openOrResume(x, p, u, machine, resumeSessionId, id);
    });
  }
  const d = decideKreActivation({
    actor: { isMember: true, hasApiKey: true },
    machineReserved: [...activatedMachines(m, p), ...offlineMachines(m, p)].includes(machine),
    used: usedLicenses(m, p),
    quota: TERMS[p].quota,
  });
  if (!d.ok) return d;
  const r = registration(m, p, machine);
  if (!r.ok) return r;
  return guarded(m, p, homeOf(u), (x) => activateKey(x, activationKey(p, u, machine)));
}

/** DELETE /v1/activations/{machineId}: frees the reservation and ends the machine's sessions (R22). */
export function expectDeactivate(m: Model, p: ProductName, u: UserName, machine: string) {
  const refused = gate(m, u);
  const key = activationKey(p, u, machine);
  const deactivated = m.activations.has(key);
  const mine = (s: ModelSession) => s.product === p && s.user === u && s.machine === machine;
  const endedSessions = m.sessions.filter((s) => s.endedAt === null && mine(s)).length;
  const effect: Effect = (x) => {
    deactivateKeys(x, (k) => k === key, null);
    endSessions(x, mine);
  };
  return { refused: refused?.ok === false ? refused.error.code : null, deactivated, endedSessions, effect };
}

/** POST /v1/sessions, with the removal explained (R23). */
export function expectCheckout(m: Model, p: ProductName, u: UserName, machine: string): Expected {
  if (m.revoked.has(u)) return expected(fail('KEY_REVOKED', 'Your API key was revoked.'));
  return explained(m, p, u, machine, gate(m, u) ?? checkout(m, p, u, machine));
}

/** POST /v1/sessions: an activated machine; R19 for per-User, R21 (+R9 offline) for KRE sessions. */
function checkout(m: Model, p: ProductName, u: UserName, machine: string): Result<Effect> {
  if (!m.activations.has(activationKey(p, u, machine)))
    return fail('UNKNOWN_MACHINE', 'Machine is not activated.');
  if (p === 'kse') {
    const d = perUser(m, u, machine, m.seats.has(u));
    if (!d.ok) return d;
    const { endSession, resumeSessionId } = d.value;
    return guarded(m, p, homeOf(u), (x, id) => {
      if (endSession) endSessions(x, (s) => s.serverId === endSession.sessionId);
      openOrResume(x, p, u, machine, resumeSessionId, id);
    });
  }
  const d = decideSessionCheckout({
    used: usedLicenses(m, p),
    quota: TERMS[p].quota,
    addsLicense: addsLicense(machineHoldings(m, p).get(machine) ?? { held: false, sessions: 0 }, 'session'),
  });
  if (!d.ok) return d;
  return guarded(m, p, homeOf(u), (x, id) => openOrResume(x, p, u, machine, null, id));
}
