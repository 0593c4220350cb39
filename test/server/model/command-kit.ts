import type { AsyncCommand } from 'fast-check';
import { ErrorBody } from '../../../shared/contracts/http/common';
import type { Result } from '../../../shared/result';
import { send, type AdminRequest } from '../admin/admin-kit';
import type { Effect, Expected } from './expect-admin';
import type { Model } from './model';
import { checkInvariants } from './observe';
import { checkLiveSessionsLicensed, checkQuotas } from './quota-rules';
import { PRODUCTS, type ProductName, type UserName, type World } from './world';

// What every command shares: one HTTP call, its answer compared with the model's expectation,
// the model changed only when both agree, then every invariant checked.

/** An answer of the server: status and parsed JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** One request through the real app (Fastify inject, as the other server tests do). */
export const request = (w: World, r: AdminRequest): Promise<Answer> => send(w.server.app, r);

/** The refusal code of an answer, or null when it succeeded. */
export function codeOf(a: Answer): string | null {
  if (a.status < 400) return null;
  const body = ErrorBody.safeParse(a.body);
  return body.success ? body.data.error.code : `HTTP_${a.status}`;
}

/** Outcomes per command name and code: MODEL_STATS=1 prints them, to see what the runs reach. */
export const outcomes = new Map<string, number>();

/** Counts one outcome. */
export function tally(what: string, code: string | null): void {
  const key = `${what.split('(')[0] ?? what} ${code ?? 'ok'}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

/** Throws with both sides when the server and the model disagree. */
export function disagree(what: string, server: unknown, model: unknown): never {
  throw new Error(`${what}: server ${JSON.stringify(server)} but model ${JSON.stringify(model)}`);
}

/** Compares a decision with the answer; on agreement applies the effect (with the session id, if any). */
export function settle(
  m: Model,
  what: string,
  expectation: Result<Effect> | Expected,
  answer: Answer,
  sessionId?: string,
): void {
  const got = codeOf(answer);
  tally(what, got);
  const want = expectation.ok ? [] : 'codes' in expectation ? expectation.codes : [expectation.error.code];
  if (expectation.ok ? got !== null : got === null || !want.includes(got))
    disagree(what, got ?? `ok ${answer.status}`, expectation.ok ? 'ok' : want.join(' or '));
  if (expectation.ok) expectation.value(m, sessionId);
}

/** After every step: the admin API, the sessions, the quotas and the licenses of live sessions. */
export async function afterStep(m: Model, w: World, products: readonly ProductName[]): Promise<void> {
  if (w.now() !== m.now) disagree('clock', w.now(), m.now);
  await checkInvariants(w, m, products);
  await checkQuotas(w, m.now);
  await checkLiveSessionsLicensed(w, m.now);
}

/** A command of the model run: readable in a shrunk counterexample. */
export abstract class Step implements AsyncCommand<Model, World, false> {
  /** Whether the step may run in this state. */
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  /** Calls the server, compares, updates the model. */
  protected abstract act(m: Model, w: World): Promise<void>;
  /** The products whose numbers the step may change (all, unless a step says otherwise). */
  protected touches(): readonly ProductName[] {
    return PRODUCTS;
  }
  async run(m: Model, w: World): Promise<void> {
    await this.act(m, w);
    await afterStep(m, w, this.touches());
  }
  abstract toString(): string;
}

/** A step on one product's numbers (admin calls on a product: dedication, machine removal). */
export abstract class ProductStep extends Step {
  constructor(readonly product: ProductName) {
    super();
  }
  protected override touches(): readonly ProductName[] {
    return [this.product];
  }
}

/** An agent call: one user on one of their machines, for one product (R19, R21, R22). */
export abstract class MachineStep extends ProductStep {
  constructor(
    product: ProductName,
    readonly user: UserName,
    readonly machine: string,
  ) {
    super(product);
  }
}

/** A step about one user (membership, keys); it may change any product's numbers. */
export abstract class UserStep extends Step {
  constructor(readonly user: UserName) {
    super();
  }
}

/** A KSE seat change for one user (R1, R17, R23). */
export abstract class SeatStep extends UserStep {
  protected override touches(): readonly ProductName[] {
    return ['kse'];
  }
}
