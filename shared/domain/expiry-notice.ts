const DAY_MS = 86_400_000;

/** The days before an end at which people are warned, latest first: a month, a week, a day. */
export const EXPIRY_NOTICE_DAYS = [30, 7, 1] as const;

/** Which warning stage has been reached. */
export type ExpiryStage = (typeof EXPIRY_NOTICE_DAYS)[number];

/** A subscription or an offline license file close to its end. */
export interface ExpiryNotice {
  readonly code: 'subscription-ending' | 'expiring-soon';
  readonly stage: ExpiryStage;
  /** Whole days left, rounded up (ends in 3 hours = 1 day). */
  readonly daysLeft: number;
  readonly endsAt: string;
  readonly message: string;
}

/** The ends a product's license has, as its status knows them. */
export interface ExpiryFacts {
  readonly subscriptionEndsAt: string | null;
  readonly offlineFileEndsAt: string | null;
  readonly now: number;
}

const inDays = (days: number): string => (days === 1 ? '1 day' : `${days} days`);

const noticeFor = (code: ExpiryNotice['code'], endsAt: string | null, now: number): ExpiryNotice | null => {
  if (!endsAt) return null;
  const remaining = Date.parse(endsAt) - now;
  if (!(remaining > 0)) return null;
  const daysLeft = Math.ceil(remaining / DAY_MS);
  const stage = [...EXPIRY_NOTICE_DAYS].reverse().find((days) => daysLeft <= days);
  if (stage === undefined) return null;
  const what = code === 'subscription-ending' ? 'The subscription' : 'The offline license file';
  return {
    code,
    stage,
    daysLeft,
    endsAt,
    message: `${what} ends in ${inDays(daysLeft)}, on ${endsAt.slice(0, 10)}.`,
  };
};

/**
 * The one expiry warning to show for a product, 30, 7 and 1 days before its subscription or its
 * offline license file ends (the sooner of the two); null when neither ends within 30 days. The app's
 * status page and `tessera status` both show this decision.
 */
export function expiryNotice(facts: ExpiryFacts): ExpiryNotice | null {
  const notices = [
    noticeFor('subscription-ending', facts.subscriptionEndsAt, facts.now),
    noticeFor('expiring-soon', facts.offlineFileEndsAt, facts.now),
  ].filter((notice): notice is ExpiryNotice => notice !== null);
  return notices.sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt))[0] ?? null;
}
