/** One organization member as R18 needs it: whether a paid KSE license is attributed to them. */
export interface MemberLicenseState {
  readonly userId: string;
  readonly licensed: boolean;
}

/** R18: members without a paid license keep free-plan rights; admins are warned when free and KSE users mix. */
export function freePlanWarning(members: readonly MemberLicenseState[]): string | null {
  const unlicensed = members.filter((member) => !member.licensed).length;
  const licensed = members.length - unlicensed;
  if (licensed === 0 || unlicensed === 0) return null;
  const who = unlicensed === 1 ? '1 member uses' : `${unlicensed} members use`;
  return (
    `This organization mixes Katalon Studio (free) and Katalon Studio Enterprise users: ${who} the free plan. ` +
    'Assign a paid license to every user to comply with the Free Offerings terms.'
  );
}
