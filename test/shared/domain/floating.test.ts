import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FLOATING_MACHINE_LIMIT,
  chooseFloatingLicense,
  decideFloatingCheckout,
  type FloatingLicense,
} from '../../../shared/domain/floating';

const idle = (machineIds: string[]): FloatingLicense => ({
  licenseId: 'f1',
  machineIds,
  activeSession: null,
});

describe('decideFloatingCheckout', () => {
  it('R26 shares one license across up to three machines', () => {
    expect(decideFloatingCheckout(idle(['m1', 'm2']), 'm3')).toEqual({
      ok: true,
      value: { licenseId: 'f1', addMachine: true, resumeSessionId: null },
    });
    expect(FLOATING_MACHINE_LIMIT).toBe(3);
  });

  it('R26 refuses a fourth machine', () => {
    const result = decideFloatingCheckout(idle(['m1', 'm2', 'm3']), 'm4');
    expect(!result.ok && result.error.code).toBe('FLOATING_MACHINE_LIMIT');
  });

  it('R26 one of the three known machines may check out again', () => {
    expect(decideFloatingCheckout(idle(['m1', 'm2', 'm3']), 'm2').ok).toBe(true);
  });

  it('R26 one session at a time: a second machine is refused while a session runs (seed 004 example)', () => {
    const license = { ...idle(['m1', 'm2']), activeSession: { sessionId: 's1', machineId: 'm1' } };
    const result = decideFloatingCheckout(license, 'm2');
    expect(!result.ok && result.error.code).toBe('SESSION_ACTIVE_ELSEWHERE');
    expect(decideFloatingCheckout(license, 'm1')).toEqual({
      ok: true,
      value: { licenseId: 'f1', addMachine: false, resumeSessionId: 's1' },
    });
  });

  it('R26 picks among a user\u2019s floating licenses the one that accepts this machine', () => {
    const busy: FloatingLicense = {
      licenseId: 'f1',
      machineIds: ['m1'],
      activeSession: { sessionId: 's', machineId: 'm1' },
    };
    const full: FloatingLicense = { licenseId: 'f2', machineIds: ['a', 'b', 'c'], activeSession: null };
    const open: FloatingLicense = { licenseId: 'f3', machineIds: [], activeSession: null };
    const picked = chooseFloatingLicense([busy, full, open], 'm9');
    expect(picked.ok && picked.value.licenseId).toBe('f3');
    const none = chooseFloatingLicense([busy, full], 'm9');
    expect(!none.ok && none.error.code).toBe('FLOATING_MACHINE_LIMIT');
    const allBusy = chooseFloatingLicense([busy, { ...busy, licenseId: 'f4' }], 'm9');
    expect(!allBusy.ok && allBusy.error.message).toBe(
      'The number of licenses cannot exceed the license quota. All 2 floating licenses are in use; try again when a session ends.',
    );
    expect(chooseFloatingLicense([], 'm9').ok).toBe(false);
  });

  it('R26 prefers the license already running here, then one that knows this machine, over using a new machine', () => {
    const fresh: FloatingLicense = { licenseId: 'a', machineIds: [], activeSession: null };
    const knows: FloatingLicense = { licenseId: 'b', machineIds: ['m1'], activeSession: null };
    const running: FloatingLicense = {
      licenseId: 'c',
      machineIds: ['m1'],
      activeSession: { sessionId: 's', machineId: 'm1' },
    };
    expect(chooseFloatingLicense([fresh, knows], 'm1')).toEqual({
      ok: true,
      value: { licenseId: 'b', addMachine: false, resumeSessionId: null },
    });
    expect(chooseFloatingLicense([fresh, knows, running], 'm1')).toEqual({
      ok: true,
      value: { licenseId: 'c', addMachine: false, resumeSessionId: 's' },
    });
  });

  it('R26 property: no sequence of checkouts and releases spans a 4th machine or a 2nd concurrent session', () => {
    const step = fc.oneof(
      fc.record({
        op: fc.constant('checkout' as const),
        machine: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'),
      }),
      fc.record({ op: fc.constant('release' as const), machine: fc.constant('') }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50 }), (steps) => {
        let license = idle([]);
        let sessions = 0;
        for (const { op, machine } of steps) {
          if (op === 'release') {
            if (license.activeSession) sessions -= 1;
            license = { ...license, activeSession: null };
            continue;
          }
          const decision = decideFloatingCheckout(license, machine);
          if (!decision.ok) continue;
          if (decision.value.resumeSessionId === null) sessions += 1;
          license = {
            ...license,
            machineIds: decision.value.addMachine ? [...license.machineIds, machine] : license.machineIds,
            activeSession: {
              sessionId: decision.value.resumeSessionId ?? `s${sessions}`,
              machineId: machine,
            },
          };
          expect(new Set(license.machineIds).size).toBeLessThanOrEqual(3);
          expect(sessions).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
