import { ActivationResponse, DeactivationResponse } from '../../../shared/contracts/http/activations';
import { SessionCheckoutResponse, SessionReleaseResponse } from '../../../shared/contracts/http/sessions';
import { codeOf, disagree, request, settle, Step, tally } from './command-kit';
import {
  expectActivate,
  expectCheckout,
  expectDeactivate,
  expectHeartbeat,
  expectRelease,
} from './expect-agent';
import type { Model, ModelSession } from './model';
import type { ProductName, UserName, World } from './world';

// The agent's calls as model commands (R19, R21, R22), plus time passing beyond the session TTL.

const keyOf = (w: World, u: UserName) => w.keys[u];

/** POST /v1/activations from one of the user's machines. */
export class Activate extends Step {
  constructor(
    readonly product: ProductName,
    readonly user: UserName,
    readonly machine: string,
  ) {
    super();
  }
  protected override touches() {
    return [this.product];
  }
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
export class Deactivate extends Step {
  constructor(
    readonly product: ProductName,
    readonly user: UserName,
    readonly machine: string,
  ) {
    super();
  }
  protected override touches() {
    return [this.product];
  }
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
export class Checkout extends Step {
  constructor(
    readonly product: ProductName,
    readonly user: UserName,
    readonly machine: string,
  ) {
    super();
  }
  protected override touches() {
    return [this.product];
  }
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

/** Picks the n-th session the run has seen (any state), so shrinking keeps the choice stable. */
abstract class OnSession extends Step {
  private picked = '';
  private product: ProductName | null = null;
  /** `openOnly`: among the sessions not ended yet (live or timed out), else among all. */
  constructor(
    readonly n: number,
    readonly openOnly = false,
  ) {
    super();
  }
  private among = (m: Readonly<Model>) =>
    this.openOnly ? m.sessions.filter((s) => s.endedAt === null) : m.sessions;
  override check(m: Readonly<Model>) {
    return this.among(m).length > 0;
  }
  protected pick(m: Model): ModelSession {
    const all = this.among(m);
    const s = all[this.n % all.length];
    if (s === undefined) throw new Error('no session');
    this.picked = `${s.product} ${s.user}@${s.machine}${s.endedAt === null ? '' : ' (ended)'}`;
    this.product = s.product;
    return s;
  }
  protected override touches() {
    return this.product === null ? super.touches() : [this.product];
  }
  protected label = (verb: string) => `${verb}(session ${this.picked || `n=${this.n}`})`;
}

/** POST /v1/sessions/{id}/heartbeat by the session's user. */
export class Heartbeat extends OnSession {
  protected async act(m: Model, w: World) {
    const s = this.pick(m);
    const url = `/v1/sessions/${s.serverId}/heartbeat`;
    const answer = await request(w, { method: 'POST', url, key: keyOf(w, s.user) });
    const want = expectHeartbeat(m, s);
    const got = codeOf(answer);
    tally(this.toString(), got);
    if (got !== want.code) disagree(this.toString(), got ?? 'ok', want.code ?? 'ok');
    want.effect(m);
  }
  toString() {
    return this.label('heartbeat');
  }
}

/** DELETE /v1/sessions/{id} by the session's user. */
export class Release extends OnSession {
  protected async act(m: Model, w: World) {
    const s = this.pick(m);
    const answer = await request(w, {
      method: 'DELETE',
      url: `/v1/sessions/${s.serverId}`,
      key: keyOf(w, s.user),
    });
    const want = expectRelease(m, s);
    tally(this.toString(), codeOf(answer));
    if (codeOf(answer) !== want.code) disagree(this.toString(), answer.body, want.code ?? 'ok');
    if (want.code !== null) return;
    const got = SessionReleaseResponse.parse(answer.body).released;
    if (got !== want.released) disagree(this.toString(), { released: got }, { released: want.released });
    want.effect(m);
  }
  toString() {
    return this.label('release');
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

/** Time passes on the server's clock (past the TTL or within it). */
export class Advance extends Step {
  constructor(readonly seconds: number) {
    super();
  }
  protected act(m: Model, w: World) {
    w.advance(this.seconds * 1000);
    m.now += this.seconds * 1000;
    return Promise.resolve();
  }
  toString() {
    return `wait(${this.seconds} s)`;
  }
}
