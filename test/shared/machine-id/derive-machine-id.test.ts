import { describe, expect, it } from 'vitest';
import type { ComponentHashes, ComponentName } from '../../../shared/machine-id/components';
import { deriveMachineId, hashOsUser } from '../../../shared/machine-id/derive-machine-id';
import { parseMachineId } from '../../../shared/machine-id/machine-id-format';
import { hashComponent } from '../../../shared/machine-id/normalize-component';

const hashes = (raw: Partial<Record<ComponentName, string>>): ComponentHashes =>
  Object.fromEntries(
    Object.entries(raw).map(([name, value]) => [name, hashComponent(name as ComponentName, value)]),
  );

const workstation = hashes({
  osMachineId: '4c4c4544-0046-3510-8052-b4c04f4e4d32',
  systemUuid: '4c4c4544-0046-3510-8052-b4c04f4e4d33',
  baseboardSerial: '.9fqwm2.cn1296',
  diskSerial: 's4ewnx0r123456',
  cpu: 'intel(r) core(tm) i7-9750h cpu @ 2.60ghz x12',
  primaryMac: '3c:52:82:11:22:33',
});

const idOf = (componentHashes: ComponentHashes, user: string, platform = 'linux'): string => {
  const result = deriveMachineId(componentHashes, user, platform);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('deriveMachineId', () => {
  it('R11 gives two OS users of one machine two different machine IDs', () => {
    expect(idOf(workstation, 'alice')).not.toBe(idOf(workstation, 'bob'));
  });

  it('R11 gives one user on two machines two different machine IDs', () => {
    const other = { ...workstation, osMachineId: hashComponent('osMachineId', 'another-install') };
    expect(idOf(workstation, 'alice')).not.toBe(idOf(other, 'alice'));
  });

  it('R12 gives the same user on the same hardware the same ID on every run', () => {
    const first = idOf(workstation, 'alice');
    const reordered = Object.fromEntries(Object.entries(workstation).reverse()) as ComponentHashes;
    for (let run = 0; run < 5; run += 1) expect(idOf(reordered, 'alice')).toBe(first);
  });

  it('R12 keeps the ID when the MAC or disk changes (dock, VPN, USB disk)', () => {
    const first = idOf(workstation, 'alice');
    const { primaryMac: _mac, diskSerial: _disk, ...core } = workstation;
    expect(idOf(core, 'alice')).toBe(first);
    expect(
      idOf({ ...workstation, primaryMac: hashComponent('primaryMac', '00:11:22:33:44:55') }, 'alice'),
    ).toBe(first);
  });

  it('R11 on Linux "Alice" and "alice" are two accounts, so they get two machine IDs', () => {
    expect(idOf(workstation, 'Alice', 'linux')).not.toBe(idOf(workstation, 'alice', 'linux'));
    expect(idOf(workstation, 'alice ', 'linux')).not.toBe(idOf(workstation, 'alice', 'linux'));
  });

  it('R11 on macOS short names are case-sensitive too: "Alice" and "alice" get two machine IDs', () => {
    expect(idOf(workstation, 'Alice', 'darwin')).not.toBe(idOf(workstation, 'alice', 'darwin'));
  });

  it('R11 on Windows account names ignore case, so "Alice", " ALICE " and "alice" are one machine ID', () => {
    const alice = idOf(workstation, 'alice', 'win32');
    expect(idOf(workstation, 'Alice', 'win32')).toBe(alice);
    expect(idOf(workstation, ' ALICE ', 'win32')).toBe(alice);
    expect(idOf(workstation, 'bob', 'win32')).not.toBe(alice);
  });

  it('R12 a lower-case name keeps the ID it had before names were compared per platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'])
      expect(idOf(workstation, 'alice', platform)).toBe(idOf(workstation, 'alice', 'win32'));
  });

  it('R12 reads a decomposed (NFD) name as its composed (NFC) form on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'])
      expect(idOf(workstation, 'jose\u0301', platform)).toBe(idOf(workstation, 'jos\u00e9', platform));
  });

  it('produces a readable ID that its own parser accepts', () => {
    const id = idOf(workstation, 'alice');
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(parseMachineId(id)).toEqual({ ok: true, value: id });
  });

  it('falls back to MAC and disk only when no identity component could be read', () => {
    const fallback = hashes({ primaryMac: '3c:52:82:11:22:33', diskSerial: 's4ewnx0r123456' });
    expect(idOf(fallback, 'alice')).not.toBe(idOf(hashes({ primaryMac: '3c:52:82:11:22:34' }), 'alice'));
  });

  it('refuses to invent an ID with no components or no user (MACHINE_UNIDENTIFIABLE)', () => {
    expect(deriveMachineId({}, 'alice', 'linux')).toMatchObject({
      ok: false,
      error: { code: 'MACHINE_UNIDENTIFIABLE' },
    });
    expect(deriveMachineId(workstation, '  ', 'linux')).toMatchObject({
      ok: false,
      error: { code: 'MACHINE_UNIDENTIFIABLE' },
    });
  });
});

describe('hashOsUser', () => {
  it('R11 tells users apart without revealing the name, ignoring case only on Windows', () => {
    expect(hashOsUser('Alice ', 'win32')).toBe(hashOsUser('alice', 'win32'));
    expect(hashOsUser('Alice', 'linux')).not.toBe(hashOsUser('alice', 'linux'));
    expect(hashOsUser('Alice', 'darwin')).not.toBe(hashOsUser('alice', 'darwin'));
    expect(hashOsUser('alice', 'linux')).not.toBe(hashOsUser('bob', 'linux'));
    expect(hashOsUser('alice', 'linux')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('machine ID known answers', () => {
  const reference = {
    osMachineId: hashComponent('osMachineId', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'),
    cpu: hashComponent('cpu', 'intel(r) xeon(r) x8'),
  };

  it('R12 derives the same IDs as every earlier version (a change here orphans issued offline licenses)', () => {
    expect(reference.osMachineId).toBe('966f947e972a097b4dd43aeaa98e7023709fb0cc570126bcf780896240398aaa');
    expect(idOf(reference, 'alice')).toBe('5X9W-Q709-SGNK-P58S');
    expect(idOf(reference, 'bob')).toBe('AZMT-BWZJ-56WA-JNEQ');
  });
});
