import { fail, ok, type Failure, type Result } from '../result';

/** The R17 refusal, verbatim from seed 001, shared by grants, transfers and offline creation. */
export const LICENSE_QUOTA_MESSAGE = 'The number of licenses cannot exceed the license quota.';

/** The refusal codes that mean "more licenses than a quota allows" (R17): each leads with R17's sentence. */
export const QUOTA_REFUSAL_CODES = [
  'LICENSE_QUOTA_EXCEEDED',
  'SESSION_QUOTA_EXCEEDED',
  'DEDICATION_EXHAUSTED',
  'DEDICATION_EXCEEDS_POOL',
  'SESSION_ACTIVE_ELSEWHERE',
] as const;
/** One of the R17 quota refusal codes. */
export type QuotaRefusalCode = (typeof QUOTA_REFUSAL_CODES)[number];

/** R17: a quota refusal — the rule's sentence first, then the detail that says where and what to do. */
export function quotaRefusal(
  code: QuotaRefusalCode,
  detail: string,
  details?: Readonly<Record<string, unknown>>,
): Failure {
  return fail(code, detail === '' ? LICENSE_QUOTA_MESSAGE : `${LICENSE_QUOTA_MESSAGE} ${detail}`, details);
}

/** What is left after a grant: the server stores nothing from it, the UI may show it. */
export interface QuotaRoom {
  readonly used: number;
  readonly remaining: number;
}

/** One more license against a quota (R9, R17): online and offline usage both count in `used`. */
export function takeOneLicense(used: number, quota: number): Result<QuotaRoom> {
  if (used + 1 > quota) return quotaRefusal('LICENSE_QUOTA_EXCEEDED', '', { used, quota });
  return ok({ used: used + 1, remaining: quota - used - 1 });
}
