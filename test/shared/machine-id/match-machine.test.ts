import { describe, expect, it } from 'vitest';
import type { ComponentHashes } from '../../../shared/machine-id/components';
import { matchMachine } from '../../../shared/machine-id/match-machine';

const h = (tag: string): string => tag.repeat(64).slice(0, 64);

const registered: ComponentHashes = {
  osMachineId: h('a'),
  systemUuid: h('b'),
  baseboardSerial: h('c'),
  diskSerial: h('d'),
  cpu: h('e'),
  primaryMac: h('f'),
};

describe('matchMachine', () => {
  it('R5 recognizes the bound machine when nothing changed', () => {
    expect(matchMachine(registered, registered)).toMatchObject({ sameMachine: true, score: 1, changed: [] });
  });

  it('recognizes a machine after a disk and network card swap, and says what changed', () => {
    const presented = { ...registered, diskSerial: h('1'), primaryMac: h('2') };
    const match = matchMachine(registered, presented);
    expect(match.sameMachine).toBe(true);
    expect(match.score).toBeCloseTo(4 / 6);
    expect(match.changed).toEqual(['diskSerial', 'primaryMac']);
  });

  it('R5 refuses a different machine that shares only the CPU model and one other part', () => {
    const presented = {
      ...registered,
      osMachineId: h('1'),
      systemUuid: h('2'),
      baseboardSerial: h('3'),
      diskSerial: h('4'),
    };
    expect(matchMachine(registered, presented)).toMatchObject({
      sameMachine: false,
      matched: ['cpu', 'primaryMac'],
    });
  });

  it('needs at least two matching components, however few are comparable', () => {
    expect(matchMachine({ cpu: h('e') }, { cpu: h('e') })).toMatchObject({ sameMachine: false, score: 1 });
    expect(
      matchMachine({ cpu: h('e'), osMachineId: h('a') }, { cpu: h('e'), osMachineId: h('a') }).sameMachine,
    ).toBe(true);
  });

  it('counts components known on one side only as unknown, not as changed', () => {
    const match = matchMachine(
      { osMachineId: h('a'), cpu: h('e'), systemUuid: h('b') },
      { osMachineId: h('a'), cpu: h('e') },
    );
    expect(match).toMatchObject({ sameMachine: true, unknown: ['systemUuid'], changed: [] });
  });

  it('scores 0 and refuses when nothing is comparable', () => {
    expect(matchMachine({}, registered)).toMatchObject({ sameMachine: false, score: 0 });
  });
});
