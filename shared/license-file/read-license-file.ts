import { ok, type Result } from '../result';
import { dearmorEnvelope } from './armor';
import { canonicalJson } from './canonical-json';
import type { LicenseEnvelope } from './envelope';
import { licensePayloadSchema, type LicensePayload } from './payload-schema';

/** Freezes a parsed value all the way down, so a remembered reading cannot be changed by a caller. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
};

const parsePayload = (payloadText: string): LicensePayload | undefined => {
  try {
    const parsed = licensePayloadSchema.safeParse(JSON.parse(payloadText));
    return parsed.success && canonicalJson(parsed.data) === payloadText ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/** A file's pure reading (armor, envelope, payload), remembered per verifier by its exact text. */
export interface ParsedFile {
  readonly envelope: LicenseEnvelope;
  readonly payload: LicensePayload | undefined;
}

/** How many files each verifier remembers, and the largest text worth remembering (real files are ~2 KB). */
const PARSED_LIMIT = 64;
const PARSED_MAX_CHARS = 8 * 1024;
const parsedFiles = new WeakMap<object, Map<string, ParsedFile>>();

/**
 * Reads armor and payload once per distinct text and owner (a chain verifier): status re-verifies the
 * same stored files again and again, and the reading costs more than the one Ed25519 verification that
 * is always repeated. The reading is frozen; failures are not remembered.
 */
export const readLicenseFile = (owner: object, text: string): Result<ParsedFile> => {
  let memo = parsedFiles.get(owner);
  const hit = memo?.get(text);
  if (hit !== undefined) return ok(hit);
  const envelope = dearmorEnvelope(text);
  if (!envelope.ok) return envelope;
  const parsed = deepFreeze({ envelope: envelope.value, payload: parsePayload(envelope.value.payload) });
  if (text.length <= PARSED_MAX_CHARS) {
    if (memo === undefined) parsedFiles.set(owner, (memo = new Map()));
    if (memo.size >= PARSED_LIMIT) memo.delete(memo.keys().next().value as string);
    memo.set(text, parsed);
  }
  return ok(parsed);
};
