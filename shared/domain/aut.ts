import { fail, ok, type Result } from '../result';

/** What the server loads for TrueTest (R3): the applications under test right now and the quota. */
export interface AutUseInput {
  readonly activeApplicationIds: readonly string[];
  readonly applicationId: string;
  readonly quota: number;
}

/** R3: distinct applications under test at the same time never exceed the purchased number. */
export function decideAutUse(input: AutUseInput): Result<{ readonly alreadyActive: boolean }> {
  const active = new Set(input.activeApplicationIds);
  if (active.has(input.applicationId)) return ok({ alreadyActive: true });
  if (active.size + 1 > input.quota) {
    return fail(
      'APPLICATION_QUOTA_EXCEEDED',
      `${active.size} of ${input.quota} applications are already under test; finish testing one before starting another.`,
      { active: active.size, quota: input.quota },
    );
  }
  return ok({ alreadyActive: false });
}
