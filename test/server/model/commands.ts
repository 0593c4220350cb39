import fc from 'fast-check';
import type { Step } from './command-kit';
import { AddMember, RemoveMember, RevokeKey } from './commands-members';
import { CreateOffline, Dedicate, Grant, RemoveMachine, Revoke, Transfer } from './commands-admin';
import { Activate, Checkout, CheckoutActivated, Deactivate } from './commands-agent';
import { Advance, Heartbeat, Release } from './commands-sessions';
import { MACHINES_PER_USER, OFFLINE_MACHINES, PRODUCTS, TERMS, TTL_SECONDS, USERS } from './world';

// The arbitraries of every command; the agent's calls come twice so runs spend most steps using
// licenses, and the admin operations often enough to change what may be used.

const user = fc.constantFrom(...USERS);
const product = fc.constantFrom(...PRODUCTS);
const ownMachine = fc.nat({ max: MACHINES_PER_USER - 1 });
const offlineMachine = fc.nat({ max: OFFLINE_MACHINES - 1 }).map((i) => `off/${i}`);
/** A user with one of their own machines (`a/1`). */
const userMachine = fc.tuple(user, ownMachine).map(([u, i]) => ({ u, machine: `${u}/${i}` }));

const agent: fc.Arbitrary<Step>[] = [
  fc.tuple(product, userMachine).map(([p, { u, machine }]) => new Activate(p, u, machine)),
  fc.tuple(product, userMachine).map(([p, { u, machine }]) => new Checkout(p, u, machine)),
  fc.nat().map((n) => new CheckoutActivated(n)),
  fc.nat().map((n) => new Heartbeat(n, true)),
];

const others: fc.Arbitrary<Step>[] = [
  user.map((u) => new Grant(u)),
  fc.tuple(product, userMachine).map(([p, { u, machine }]) => new Deactivate(p, u, machine)),
  fc.nat().map((n) => new Heartbeat(n)),
  fc.nat().map((n) => new Release(n, true)),
  user.map((u) => new Grant(u)),
  user.map((u) => new Revoke(u)),
  fc.tuple(user, user).map(([from, to]) => new Transfer(from, to)),
  fc
    .tuple(product, offlineMachine, fc.option(user, { nil: null }))
    .map(([p, machine, u]) => new CreateOffline(p, machine, u)),
  fc
    .tuple(
      product,
      fc.oneof(
        offlineMachine,
        userMachine.map((x) => x.machine),
      ),
    )
    .map(([p, machine]) => new RemoveMachine(p, machine)),
  fc.tuple(product, fc.nat({ max: TERMS.kse.quota })).map(([p, n]) => new Dedicate(p, n)),
  fc.constantFrom(TTL_SECONDS + 1, 37).map((s) => new Advance(s)),
  user.map((u) => new RemoveMember(u)),
  user.map((u) => new AddMember(u)),
  fc.tuple(user, fc.boolean()).map(([u, reissue]) => new RevokeKey(u, reissue)),
];

/** Every command of the run, weighted towards the agent's calls. */
export const allCommands: fc.Arbitrary<Step>[] = [...agent, ...agent, ...others];
