/** One organization member as R18 needs it: who they are and whether a paid KSE license is attributed to them. */
export interface MemberLicenseState {
  readonly userId: string;
  /** The name (or e-mail when there is no name) the warning shows. */
  readonly label: string;
  readonly licensed: boolean;
}

/** How many free-plan members the warning names before it says "and N more". */
export const FREE_PLAN_NAMED = 3;

function who(labels: readonly string[]): string {
  const named = labels.slice(0, FREE_PLAN_NAMED);
  const rest = labels.length - named.length;
  if (rest > 0) return `${named.join(', ')} and ${rest} more`;
  if (named.length === 1) return named[0] ?? '';
  return `${named.slice(0, -1).join(', ')} and ${named[named.length - 1] ?? ''}`;
}

/**
 * R18: members without a paid license keep free-plan rights; admins are warned when free and KSE
 * users mix, naming the members on the free plan so the admin knows whom to license.
 */
export function freePlanWarning(members: readonly MemberLicenseState[]): string | null {
  const unlicensed = members.filter((member) => !member.licensed);
  if (unlicensed.length === 0 || unlicensed.length === members.length) return null;
  const labels = unlicensed.map((m) => m.label).sort((a, b) => a.localeCompare(b));
  const verb = unlicensed.length === 1 ? 'uses' : 'use';
  return (
    `This organization mixes Katalon Studio (free) and Katalon Studio Enterprise users: ${who(labels)} ${verb} the free plan. ` +
    'Assign a paid license to every user to comply with the Free Offerings terms.'
  );
}
