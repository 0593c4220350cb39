import { ActivationResponse, DeactivationResponse } from '../../../shared/contracts/http/activations';
import { SessionCheckoutResponse } from '../../../shared/contracts/http/sessions';
import { codeOf, disagree, MachineStep, request, settle, Step, tally } from './command-kit';
import { expectActivate, expectCheckout, expectDeactivate } from './expect-agent';
import type { Model } from './model';
import type { ProductName, UserName, World } from './world';

// The agent's activation and checkout calls as model commands (R19, R21, R22).

/** The user's current API key (a reissue replaces it). */
export const keyOf = (w: World, u: UserName) => w.keys[u];

/** POST /v1/activations from one of the user's machines. */
export class Activate extends MachineStep {
  protected async act(m: Model, w: World) {
    const body = { productId: this.product, machine: w.machineInfo(this.machine) };
    const answer = await request(w, {
      method: 'POST',
      url: '/v1/activations',
      key: keyOf(w, this.user),
      body,
    });
    const session = answer.status === 200 ? ActivationResponse.parse(answer.body).session : null;
    settle(m, this.toString(), expectActivate(m, this.product, this.user, this.machine), answer, session?.id);
  }
  toString() {
    return `activate(${this.product} ${this.user}@${this.machine})`;
  }
}

/** DELETE /v1/activations/{machineId}. */
export class Deactivate extends MachineStep {
  protected async act(m: Model, w: World) {
    const url = `/v1/activations/${encodeURIComponent(w.machineId(this.machine))}`;
    const query = { productId: this.product };
    const answer = await request(w, { method: 'DELETE', url, key: keyOf(w, this.user), query });
    const want = expectDeactivate(m, this.product, this.user, this.machine);
    tally(this.toString(), codeOf(answer));
    if (codeOf(answer) !== want.refused) disagree(this.toString(), answer.body, want.refused ?? 'ok');
    if (want.refused !== null) return;
    const got = DeactivationResponse.parse(answer.body);
    if (got.deactivated !== want.deactivated || got.endedSessions !== want.endedSessions)
      disagree(this.toString(), got, { deactivated: want.deactivated, endedSessions: want.endedSessions });
    want.effect(m);
  }
  toString() {
    return `deactivate(${this.product} ${this.user}@${this.machine})`;
  }
}

/** POST /v1/sessions on an activated (or not) machine. */
export class Checkout extends MachineStep {
  /** The call itself, shared with CheckoutActivated. */
  actOn(m: Model, w: World) {
    return this.act(m, w);
  }
  protected async act(m: Model, w: World) {
    const body = { productId: this.product, machineId: w.machineId(this.machine) };
    const answer = await request(w, { method: 'POST', url: '/v1/sessions', key: keyOf(w, this.user), body });
    const id = answer.status === 200 ? SessionCheckoutResponse.parse(answer.body).session.id : undefined;
    settle(m, this.toString(), expectCheckout(m, this.product, this.user, this.machine), answer, id);
  }
  toString() {
    return `checkout(${this.product} ${this.user}@${this.machine})`;
  }
}

/** POST /v1/sessions on the n-th live activation, so checkouts mostly reach the quota rules. */
export class CheckoutActivated extends Step {
  private target: Checkout | null = null;
  constructor(readonly n: number) {
    super();
  }
  override check(m: Readonly<Model>) {
    const keys = [...m.activations].sort();
    const [p, u, machine] = (keys[this.n % Math.max(1, keys.length)] ?? '').split('|');
    if (p === undefined || u === undefined || machine === undefined) return false;
    this.target = new Checkout(p as ProductName, u as UserName, machine);
    return true;
  }
  protected override touches() {
    return this.target === null ? super.touches() : [this.target.product];
  }
  protected async act(m: Model, w: World) {
    if (this.target === null) throw new Error('check() picks the activation first');
    await this.target.actOn(m, w);
  }
  toString() {
    return this.target === null ? `checkout(activation n=${this.n})` : this.target.toString();
  }
}
