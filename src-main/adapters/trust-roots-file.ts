import { fail, ok, type Result } from '../../shared/result';
import { parseTrustRoots, type TrustedRoot, type TrustedRootSource } from '../../shared/trust/trust-roots';
import { readSmallFile } from './bounded-read';

/** Largest trust roots document read (64 roots take about 10 kB). */
export const MAX_TRUST_ROOTS_BYTES = 64 * 1024;

const REFUSALS = {
  unreadable: 'cannot be read',
  'not-regular': 'is not a regular file',
  'too-large': `is larger than ${MAX_TRUST_ROOTS_BYTES / 1024} kB`,
} as const;

/**
 * Reads a trust roots document ({v: 1, roots: [{kid, publicKey, name}]}): the shipped
 * resources/trust-roots.json, the machine-wide policy file or a local server's published root.
 * Absent → ok(undefined); anything else wrong → VALIDATION_FAILED naming the file.
 */
export const readTrustRootsFile = async (
  path: string,
  source: TrustedRootSource,
): Promise<Result<ReadonlyMap<string, TrustedRoot> | undefined>> => {
  const read = await readSmallFile(path, MAX_TRUST_ROOTS_BYTES);
  if ('refused' in read) {
    if (read.refused === 'absent') return ok(undefined);
    return fail('VALIDATION_FAILED', `The trust roots file ${path} ${REFUSALS[read.refused]}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return fail('VALIDATION_FAILED', `The trust roots file ${path} is not valid JSON.`);
  }
  const roots = parseTrustRoots(json, source);
  return roots.ok ? roots : fail('VALIDATION_FAILED', `${path}: ${roots.error.message}`);
};
