import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { base32crockford } from '@scure/base';
import { fail, ok, type Result } from '../result';
import { checkCharacter } from './check-character';
import {
  FALLBACK_COMPONENTS,
  IDENTITY_COMPONENTS,
  type ComponentHashes,
  type ComponentName,
} from './components';
import { formatMachineId, MACHINE_ID_SYMBOLS } from './machine-id-format';

const pick = (hashes: ComponentHashes, names: readonly ComponentName[]): string[] =>
  names.flatMap((name) => {
    const hash = hashes[name];
    return hash === undefined ? [] : [`${name}=${hash}`];
  });

/**
 * The operating system the user name comes from (a `process.platform` value): R11 compares names the way
 * that OS does, so it is an input of the pure derivation rather than a guess made here.
 */
export type OsPlatform = string;

/**
 * The OS account as it enters the ID (R11). Windows compares account names case-insensitively, so "Alice"
 * and "alice" are one account there and are folded to lower case. Linux and macOS short names are
 * case-sensitive and taken exactly as the OS reports them (only Unicode-normalized to NFC, so a decomposed
 * name from the file system reads the same).
 */
export const normalizeOsUser = (osUser: string, platform: OsPlatform): string => {
  const name = osUser.normalize('NFC');
  return platform === 'win32' ? name.trim().toLowerCase() : name;
};

/** The OS user as the server may see it (sha256 hex): lets it tell users apart without learning names. */
export const hashOsUser = (osUser: string, platform: OsPlatform): string =>
  bytesToHex(sha256(utf8ToBytes(`tessera-os-user-v1\n${normalizeOsUser(osUser, platform)}`)));

/**
 * The machine ID of this OS user on this hardware. R11: the user account is part of the input, so two
 * users of one machine get two IDs. R12: the input is only stable facts (never time or randomness), so
 * the same user on the same hardware gets the same ID every run. 75 hash bits + 1 check character.
 * The user name is compared as `platform` compares it (see normalizeOsUser).
 */
export const deriveMachineId = (
  componentHashes: ComponentHashes,
  osUser: string,
  platform: OsPlatform,
): Result<string> => {
  const user = normalizeOsUser(osUser, platform);
  if (user.trim() === '') {
    return fail(
      'MACHINE_UNIDENTIFIABLE',
      'The operating-system user could not be determined, so no machine ID can be made.',
    );
  }
  const identity = pick(componentHashes, IDENTITY_COMPONENTS);
  const parts = identity.length > 0 ? identity : pick(componentHashes, FALLBACK_COMPONENTS);
  if (parts.length === 0) {
    return fail(
      'MACHINE_UNIDENTIFIABLE',
      'No hardware facts could be read on this machine, so no machine ID can be made. Run Tessera on a machine where the operating system exposes its machine ID.',
    );
  }
  const digest = sha256(utf8ToBytes(['tessera-machine-id-v1', ...parts, `osUser=${user}`].join('\n')));
  const body = base32crockford.encode(digest.slice(0, 10)).slice(0, MACHINE_ID_SYMBOLS - 1);
  return ok(formatMachineId(body + checkCharacter(body)));
};
