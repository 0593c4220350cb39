import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ComponentName } from './components';

/** Strings firmware and drivers report when they have no real value; hashing them would merge machines. */
const PLACEHOLDERS = new Set([
  'to be filled by o.e.m.',
  'to be filled by oem',
  'default string',
  'system serial number',
  'system product name',
  'base board serial number',
  'chassis serial number',
  'serial number',
  'not specified',
  'not applicable',
  'not available',
  'no asset tag',
  'none',
  'null',
  'n/a',
  'na',
  'unknown',
  'invalid',
  'empty',
  'oem',
  '0123456789',
  '123456789',
  '1234567890',
  '03000200-0400-0500-0006-000700080009',
]);

const normalizeMac = (value: string): string | undefined => {
  const hex = value.replace(/[^0-9a-f]/g, '');
  if (hex.length !== 12) return undefined;
  return (hex.match(/../g) ?? []).join(':');
};

/** True for values made of one repeated symbol once separators are removed (0000…, ffff…, xxxx…). */
const isRepetition = (value: string): boolean => {
  const symbols = value.replace(/[\s\-:._]/g, '');
  return symbols.length === 0 || /^(.)\1*$/.test(symbols);
};

/**
 * Turns what an adapter read into the stable spelling that gets hashed (trimmed, lowercased, inner
 * whitespace collapsed, MACs as aa:bb:…), or undefined when the value is missing or a placeholder.
 */
export const normalizeComponent = (
  name: ComponentName,
  raw: string | null | undefined,
): string | undefined => {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (value === '' || PLACEHOLDERS.has(value) || isRepetition(value)) return undefined;
  if (name === 'primaryMac') return normalizeMac(value);
  return value;
};

/** Hashes a normalized component with its name as prefix, so equal serials of different parts never collide. */
export const hashComponent = (name: ComponentName, value: string): string =>
  bytesToHex(sha256(utf8ToBytes(`tessera-component-v1\n${name}\n${value}`)));
