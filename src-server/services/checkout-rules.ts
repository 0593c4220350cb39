import { decideAutUse } from '../../shared/domain/aut';
import { chooseFloatingLicense } from '../../shared/domain/floating';
import { decidePerUserActivation, isFixedMachine } from '../../shared/domain/per-user';
import { decideSessionCheckout } from '../../shared/domain/sessions';
import { fail, ok, type Result } from '../../shared/result';
import type { ActivationFacts } from './activation-facts';
import { hasSeat } from './activation-rules';
import { floatingSpans } from '../repositories/floating-slots';
import { addsLicense } from '../../shared/domain/line-use';
import { usageLine } from '../repositories/line-units';
import { liveSessions, machineHolding, usedLicenses } from '../repositories/usage';

/** What a checkout does once the model's rule agreed. */
export interface CheckoutPlan {
  readonly resumeSessionId: string | null;
  readonly slot: number | null;
  readonly addSlotMachine: number | null;
  readonly endSessions: { sessionId: string; machineId: string; reason: string }[];
  /** R3: the application under test the session holds (TrueTest only). */
  readonly applicationId: string | null;
}

/** What a checkout decides from: the activation facts and, for TrueTest, the application under test. */
export type CheckoutFacts = Omit<ActivationFacts, 'transfer'> & {
  readonly applicationId: string | undefined;
};

const plan = (p: Partial<CheckoutPlan>): CheckoutPlan => ({
  resumeSessionId: null,
  slot: null,
  addSlotMachine: null,
  endSessions: [],
  applicationId: null,
  ...p,
});

/**
 * R3: TrueTest counts distinct applications under test. Each checkout opens its own session (two
 * processes testing one application must not release each other's), all under one license.
 */
function planAut(f: CheckoutFacts, live: Awaited<ReturnType<typeof liveSessions>>): Result<CheckoutPlan> {
  if (f.applicationId === undefined) {
    return fail(
      'VALIDATION_FAILED',
      `${f.sub.product.name} is licensed per application under test; name the application (applicationId, or --application in the CLI).`,
    );
  }
  const decision = decideAutUse({
    activeApplicationIds: live.flatMap((s) => (s.application_id === null ? [] : [s.application_id])),
    applicationId: f.applicationId,
    quota: f.sub.quota,
  });
  return decision.ok ? ok(plan({ applicationId: f.applicationId })) : decision;
}

/** R26: floating licenses are slots 0..quota-1, each with its machines and at most one session. */
async function planFloating(
  f: CheckoutFacts,
  live: Awaited<ReturnType<typeof liveSessions>>,
): Promise<Result<CheckoutPlan>> {
  const licenses = await floatingSpans(f.trx, f.sub.id, f.sub.quota, live);
  const decision = chooseFloatingLicense(licenses, f.machine.machineId);
  if (!decision.ok) return decision;
  const slot = Number(decision.value.licenseId);
  return ok(
    plan({
      slot,
      resumeSessionId: decision.value.resumeSessionId,
      addSlotMachine: decision.value.addMachine ? slot : null,
    }),
  );
}

/**
 * Applies the model's checkout rule through the shared decision for it. Only TrueTest and floating
 * read the line's live sessions (applications, slots); the others read counts or their own session,
 * so a checkout under the subscription lock does not load every session of a large line.
 */
export async function planCheckout(f: CheckoutFacts): Promise<Result<CheckoutPlan>> {
  const live = (only: { userId?: string; machineRef?: string } = {}) =>
    liveSessions(f.trx, f.sub.id, f.now, f.ttlSeconds, only);
  if (f.sub.kind === 'aut') return planAut(f, await live());
  if (f.applicationId !== undefined) {
    return fail(
      'VALIDATION_FAILED',
      `${f.sub.product.name} is not licensed per application under test; leave out the application.`,
    );
  }
  switch (f.sub.kind) {
    case 'session': {
      // R9/R21/R22: the line's licenses (offline files, reservations, parallel sessions) against the quota.
      const line = usageLine(f.sub, f.sub.product);
      const facts = { now: f.now, ttlSeconds: f.ttlSeconds };
      // A session its machine's reservation or offline file covers takes nothing: the line is not counted.
      const adds = addsLicense(await machineHolding(f.trx, line, f.machine.machineId, facts), 'session');
      const decision = adds
        ? decideSessionCheckout({
            addsLicense: true,
            used: await usedLicenses(f.trx, line, f.now, f.ttlSeconds),
            quota: f.sub.quota,
          })
        : decideSessionCheckout({ addsLicense: false, used: null, quota: f.sub.quota });
      return decision.ok ? ok(plan({})) : decision;
    }
    case 'floating':
      return planFloating(f, await live());
    case 'per-user': {
      const [mine] = await live({ userId: f.userId });
      const active = mine ? { sessionId: mine.id, machineId: mine.machine_id } : null;
      const decision = decidePerUserActivation({
        licensed: await hasSeat(f),
        machineId: f.machine.machineId,
        fixedMachine: isFixedMachine(f.machine.virtualization),
        activeSession: active,
      });
      if (!decision.ok) return decision;
      const end = decision.value.endSession;
      return ok(
        plan({
          resumeSessionId: decision.value.resumeSessionId,
          endSessions: end && active ? [{ ...end, machineId: active.machineId }] : [],
        }),
      );
    }
    case 'node-locked': {
      const [own] = await live({ machineRef: f.machine.ref });
      return ok(plan({ resumeSessionId: own?.id ?? null }));
    }
    default:
      return fail('VALIDATION_FAILED', `${f.sub.product.name} licenses need no session.`);
  }
}
