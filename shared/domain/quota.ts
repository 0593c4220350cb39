import { fail, ok, type Result } from '../result';

/** The R17 refusal, verbatim from seed 001, shared by grants, transfers and offline creation. */
export const LICENSE_QUOTA_MESSAGE = 'The number of licenses cannot exceed the license quota.';

/** What is left after a grant: the server stores nothing from it, the UI may show it. */
export interface QuotaRoom {
  readonly used: number;
  readonly remaining: number;
}

/** One more license against a quota (R9, R17): online and offline usage both count in `used`. */
export function takeOneLicense(used: number, quota: number): Result<QuotaRoom> {
  if (used + 1 > quota) return fail('LICENSE_QUOTA_EXCEEDED', LICENSE_QUOTA_MESSAGE, { used, quota });
  return ok({ used: used + 1, remaining: quota - used - 1 });
}
