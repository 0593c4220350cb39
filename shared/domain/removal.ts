import type { ErrorCode } from '../error-codes';
import { fail, type Failure } from '../result';

/** R23 and member/key lifecycle: the codes an ended session or activation carries, by what removed it. */
export const REMOVAL_CODES = ['SEAT_REMOVED', 'MEMBER_REMOVED', 'MACHINE_REMOVED', 'KEY_REVOKED'] as const;
/** Why use stopped: the stable code the agent shows a sentence for. */
export type RemovalCode = (typeof REMOVAL_CODES)[number] & ErrorCode;

const SENTENCES: Record<RemovalCode, string> = {
  SEAT_REMOVED: 'Your license was removed by an Owner or Admin; ask them to grant one again.',
  MEMBER_REMOVED: 'An Owner or Admin removed you from the organization; its licenses no longer apply to you.',
  MACHINE_REMOVED:
    'An Owner or Admin removed this machine ID from the organization; activate the machine again.',
  KEY_REVOKED: 'Your API key was revoked; set the new key an Owner or Admin gave you, or rotate your own.',
};

/** The sentence stored with an ended session and shown by the agent, for one removal code. */
export const removalSentence = (code: RemovalCode): string => SENTENCES[code];

/** Narrows a stored end code (text column) to a removal code. */
export const isRemovalCode = (value: unknown): value is RemovalCode =>
  typeof value === 'string' && (REMOVAL_CODES as readonly string[]).includes(value);

/** R23: the refusal for a heartbeat, checkout or lease refresh after a removal ended the use. */
export const removalRefusal = (code: RemovalCode): Failure => fail(code, removalSentence(code));
