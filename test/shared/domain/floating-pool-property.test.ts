import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseFloatingLicense, type FloatingLicense } from '../../../shared/domain/floating';

const MACHINES = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'] as const;

type Step = { readonly op: 'checkout' | 'release'; readonly machine: (typeof MACHINES)[number] };

/** Applies a step to a pool of floating licenses the way the server would store the decision. */
function apply(pool: FloatingLicense[], { op, machine }: Step, sessionNo: number): FloatingLicense[] {
  if (op === 'release') {
    return pool.map((l) => (l.activeSession?.machineId === machine ? { ...l, activeSession: null } : l));
  }
  const decision = chooseFloatingLicense(pool, machine);
  if (!decision.ok) return pool;
  const { licenseId, addMachine, resumeSessionId } = decision.value;
  return pool.map((l) =>
    l.licenseId !== licenseId
      ? l
      : {
          ...l,
          machineIds: addMachine ? [...l.machineIds, machine] : l.machineIds,
          activeSession: { sessionId: resumeSessionId ?? `s${sessionNo}`, machineId: machine },
        },
  );
}

describe('floating pool properties', () => {
  it('R26 over a pool: each license keeps ≤ 3 machines, and one machine never runs two sessions of the pool', () => {
    const step = fc.record({
      op: fc.constantFrom('checkout' as const, 'release' as const),
      machine: fc.constantFrom(...MACHINES),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(step, { maxLength: 80 }), (size, steps) => {
        let pool: FloatingLicense[] = Array.from({ length: size }, (_, i) => ({
          licenseId: `f${i}`,
          machineIds: [],
          activeSession: null,
        }));
        steps.forEach((s, n) => {
          pool = apply(pool, s, n);
          const running = pool.flatMap((l) => (l.activeSession ? [l.activeSession.machineId] : []));
          expect(new Set(running).size).toBe(running.length);
          for (const license of pool) {
            expect(new Set(license.machineIds).size).toBeLessThanOrEqual(3);
            if (license.activeSession) expect(license.machineIds).toContain(license.activeSession.machineId);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
