import { SessionReleaseResponse } from '../../../shared/contracts/http/sessions';
import { codeOf, disagree, request, Step, tally } from './command-kit';
import { keyOf } from './commands-agent';
import { expectHeartbeat, expectRelease } from './expect-sessions';
import type { Model, ModelSession } from './model';
import type { ProductName, World } from './world';

// Commands on a session the run has seen (heartbeat, release, R19/R21/R23), and time passing.

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
