import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { findProduct } from '../../../shared/catalog/find-product';
import { decideKreActivation } from '../../../shared/domain/kre-activation';
import { decideOfflineCreation } from '../../../shared/domain/offline';
import { decideSeatGrant } from '../../../shared/domain/seat-grant';
import { decideMachineRegistration } from '../../../shared/domain/sessions';
import { decideRemoval, decideTransfer } from '../../../shared/domain/transfer-removal';
import { must } from './tree-fixture';

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'] as const;
const MACHINES = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'] as const;
const kse = must(findProduct(DEFAULT_CATALOG, 'kse'));
const now = Date.UTC(2026, 0, 1);
const subscription = { endsAt: now + 1e10, billingCycle: 'annual' as const, kind: 'per-user' as const };

const seatStep = fc.oneof(
  fc.record({
    op: fc.constant('grant' as const),
    a: fc.constantFrom(...USERS),
    b: fc.constantFrom(...USERS),
  }),
  fc.record({
    op: fc.constant('remove' as const),
    a: fc.constantFrom(...USERS),
    b: fc.constantFrom(...USERS),
  }),
  fc.record({
    op: fc.constant('transfer' as const),
    a: fc.constantFrom(...USERS),
    b: fc.constantFrom(...USERS),
  }),
  fc.record({
    op: fc.constant('offline' as const),
    a: fc.constantFrom(...MACHINES),
    b: fc.constantFrom(...USERS),
  }),
);

describe('quota properties', () => {
  it('R9 R17 R23 R24 no sequence of grants, removals, transfers and offline creations passes the quota', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(seatStep, { maxLength: 60 }), (quota, steps) => {
        const seats = new Set<string>();
        let offline = 0;
        for (const { op, a, b } of steps) {
          const used = seats.size + offline;
          if (op === 'grant') {
            const d = decideSeatGrant({
              actorRole: 'admin',
              target: { isMember: true, alreadyLicensed: seats.has(a) },
              used,
              quota,
            });
            if (d.ok) seats.add(a);
          } else if (op === 'remove') {
            if (decideRemoval('admin', { kind: 'licensed-user', licensed: seats.has(a) }).ok) seats.delete(a);
          } else if (op === 'transfer') {
            const to = { isMember: true, alreadyLicensed: seats.has(b) };
            const d = decideTransfer({
              actorRole: 'owner',
              offline: false,
              from: { licensed: seats.has(a) },
              to,
              used,
              quota,
            });
            if (d.ok) {
              seats.delete(a);
              seats.add(b);
            }
          } else {
            const d = decideOfflineCreation({
              actorRole: 'admin',
              product: kse,
              machineId: a,
              subscription,
              now,
              used,
              quota,
            });
            if (d.ok) offline += 1;
          }
          expect(seats.size + offline).toBeLessThanOrEqual(quota);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('R21 R22 KRE reservations and registered machines never pass their quotas', () => {
    const step = fc.record({ activate: fc.boolean(), machine: fc.constantFrom(...MACHINES) });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(step, { maxLength: 40 }),
        (quota, machineQuota, steps) => {
          const reserved = new Set<string>();
          for (const { activate, machine } of steps) {
            if (!activate) {
              reserved.delete(machine); // R22: deactivating a machine ID frees its license
              continue;
            }
            const registered = decideMachineRegistration({
              alreadyRegistered: reserved.has(machine),
              registeredMachines: reserved.size,
              machineQuota,
            });
            const kre = decideKreActivation({
              actor: { isMember: true, hasApiKey: true },
              machineReserved: reserved.has(machine),
              used: reserved.size,
              quota,
            });
            if (registered.ok && kre.ok) reserved.add(machine);
            expect(reserved.size).toBeLessThanOrEqual(Math.min(quota, machineQuota));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
