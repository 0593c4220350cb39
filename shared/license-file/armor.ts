import { base64, utf8 } from '@scure/base';
import { fail, ok, type Result } from '../result';
import { canonicalJson } from './canonical-json';
import { envelopeSchema, type LicenseEnvelope } from './envelope';

/** First line of every license file. */
export const ARMOR_HEADER = '-----BEGIN TESSERA LICENSE-----';
/** Last line of every license file. */
export const ARMOR_FOOTER = '-----END TESSERA LICENSE-----';
/** Largest file we read: a real license is about 1 KiB; anything near this is not one. */
export const MAX_LICENSE_FILE_CHARS = 64 * 1024;

/** Body lines are wrapped at this width so files survive e-mail and copy-paste. */
export const ARMOR_LINE_WIDTH = 64;

/** Writes the one canonical armored text of an envelope (LF line endings, final newline). */
export const armorEnvelope = (envelope: LicenseEnvelope): string => {
  const body = base64.encode(utf8.decode(canonicalJson(envelope)));
  const lines = body.match(new RegExp(`.{1,${ARMOR_LINE_WIDTH}}`, 'g')) ?? [];
  return [ARMOR_HEADER, ...lines, ARMOR_FOOTER, ''].join('\n');
};

const MALFORMED_MESSAGE =
  'This is not a readable Tessera license file. Ask your administrator for a new copy and import it unchanged.';

const decodeEnvelope = (text: string): LicenseEnvelope | undefined => {
  const lines = text.split('\n');
  if (lines[0] !== ARMOR_HEADER) return undefined;
  const footer = lines.indexOf(ARMOR_FOOTER);
  if (footer < 2) return undefined;
  try {
    const json: unknown = JSON.parse(utf8.encode(base64.decode(lines.slice(1, footer).join(''))));
    const parsed = envelopeSchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Reads the armor strictly (R7), after refusing oversized input: the text must be exactly the
 * canonical armor of the envelope it decodes to, with LF or CRLF line endings and with or without
 * the final line ending. So no byte of the file can change (not even base64 padding bits or JSON
 * spacing) without refusal.
 */
export const dearmorEnvelope = (text: string): Result<LicenseEnvelope> => {
  if (text.length > MAX_LICENSE_FILE_CHARS) {
    return fail(
      'FILE_TOO_LARGE',
      'This file is far larger than a license file. Check that you picked the right file.',
    );
  }
  const lf = text.replaceAll('\r\n', '\n');
  const envelope = lf.includes('\r') ? undefined : decodeEnvelope(lf);
  if (envelope === undefined) return fail('MALFORMED', MALFORMED_MESSAGE);
  const canonical = armorEnvelope(envelope);
  const matches = lf === canonical || lf === canonical.slice(0, -1);
  return matches ? ok(envelope) : fail('MALFORMED', MALFORMED_MESSAGE);
};
