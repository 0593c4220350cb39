import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { ProductStep, request, SeatStep, settle, Step } from './command-kit';
import { expectDedicate, expectGrant, expectOffline, expectRevoke, expectTransfer } from './expect-admin';
import { expectRemoveMachine } from './expect-sessions';
import type { Model } from './model';
import type { ProductName, UserName, World } from './world';

// The Owner's License Management operations as model commands (R8, R14, R17, R23, R24).

const seats = (w: World) => `/v1/orgs/${w.rootOrgId}/seats`;

/** R1/R17: grant a KSE seat. */
export class Grant extends SeatStep {
  protected async act(m: Model, w: World) {
    const body = { productId: 'kse', userId: w.users[this.user].userId };
    const answer = await request(w, { method: 'POST', url: seats(w), key: w.ownerKey, body });
    settle(m, this.toString(), expectGrant(m, this.user), answer);
  }
  toString() {
    return `grant(kse → ${this.user})`;
  }
}

/** R23: remove a licensed user. */
export class Revoke extends SeatStep {
  protected async act(m: Model, w: World) {
    const url = `${seats(w)}/${w.users[this.user].userId}`;
    const answer = await request(w, { method: 'DELETE', url, key: w.ownerKey, query: { productId: 'kse' } });
    settle(m, this.toString(), expectRevoke(m, this.user), answer);
  }
  toString() {
    return `revoke(kse ✕ ${this.user})`;
  }
}

/** R24: transfer a seat between users. */
export class Transfer extends Step {
  constructor(
    readonly from: UserName,
    readonly to: UserName,
  ) {
    super();
  }
  protected override touches() {
    return ['kse'] as const;
  }
  protected async act(m: Model, w: World) {
    const body = {
      productId: 'kse',
      fromUserId: w.users[this.from].userId,
      toUserId: w.users[this.to].userId,
    };
    const answer = await request(w, { method: 'POST', url: `${seats(w)}/transfer`, key: w.ownerKey, body });
    settle(m, this.toString(), expectTransfer(m, this.from, this.to), answer);
  }
  toString() {
    return `transfer(kse ${this.from} → ${this.to})`;
  }
}

/** R8/R9: an offline license for an offline-only machine, made for a user or for the organization. */
export class CreateOffline extends ProductStep {
  constructor(
    product: ProductName,
    readonly machine: string,
    readonly user: UserName | null,
  ) {
    super(product);
  }
  protected async act(m: Model, w: World) {
    const body = {
      productId: this.product,
      machineId: w.machineId(this.machine),
      ...(this.user !== null ? { userId: w.users[this.user].userId } : {}),
    };
    const url = `/v1/orgs/${w.rootOrgId}/offline-licenses`;
    const answer = await request(w, { method: 'POST', url, key: w.ownerKey, body });
    settle(m, this.toString(), expectOffline(m, this.product, this.machine, this.user), answer);
  }
  toString() {
    return `offline(${this.product} @${this.machine} for ${this.user ?? 'the organization'})`;
  }
}

/** R23: remove a machine ID from License Management. */
export class RemoveMachine extends ProductStep {
  constructor(
    product: ProductName,
    readonly machine: string,
  ) {
    super(product);
  }
  protected async act(m: Model, w: World) {
    const url = ADMIN_PATHS.machine(w.rootOrgId, this.product, w.machineId(this.machine));
    const answer = await request(w, { method: 'DELETE', url, key: w.ownerKey });
    settle(m, this.toString(), expectRemoveMachine(m, this.product, this.machine), answer);
  }
  toString() {
    return `removeMachine(${this.product} @${this.machine})`;
  }
}

/** R14: set the sub-organization's dedication. */
export class Dedicate extends ProductStep {
  constructor(
    product: ProductName,
    readonly count: number,
  ) {
    super(product);
  }
  protected async act(m: Model, w: World) {
    const url = ADMIN_PATHS.dedication(w.rootOrgId, this.product, w.subOrgId);
    const answer = await request(w, { method: 'PUT', url, key: w.ownerKey, body: { count: this.count } });
    settle(m, this.toString(), expectDedicate(m, this.product, this.count), answer);
  }
  toString() {
    return `dedicate(${this.product} ${this.count} → sub)`;
  }
}
