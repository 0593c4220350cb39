/** The dates a product's status knows, each named for what it is (a subscription, an offline file, a lease). */
export interface LicenseDateFacts {
  /** The subscription's end, when the license file carries it. */
  readonly subscriptionEndsAt: string | null;
  /** The end of a valid offline license file for this machine (R5, R6). */
  readonly offlineFileEndsAt: string | null;
  /** The end of the online lease, which the agent renews while the server is reachable. */
  readonly leaseEndsAt: string | null;
}

/** One labelled date for a status screen: "Licensed until" + "2027-01-01 (subscription)". */
export interface LicenseDateLine {
  readonly kind: 'subscription' | 'offline-file' | 'lease';
  readonly label: string;
  readonly value: string;
  /** Label and value as one sentence, for the CLI. */
  readonly sentence: string;
}

const line = (kind: LicenseDateLine['kind'], label: string, value: string): LicenseDateLine => ({
  kind,
  label,
  value,
  sentence: `${label} ${value}`,
});

/**
 * Says what each date is, so a 7-day lease end never reads as the license's expiry: "Licensed until
 * <subscription end> (subscription)" and "Works offline until <end> (…)", where the offline end is the
 * later of an offline file's own end and the lease's. `formatDate` is the caller's date style (the CLI
 * prints ISO dates, the app the user's locale).
 */
export function licenseDateLines(
  facts: LicenseDateFacts,
  formatDate: (iso: string) => string,
): LicenseDateLine[] {
  const lines: LicenseDateLine[] = [];
  if (facts.subscriptionEndsAt)
    lines.push(
      line('subscription', 'Licensed until', `${formatDate(facts.subscriptionEndsAt)} (subscription)`),
    );
  const file = facts.offlineFileEndsAt;
  const lease = facts.leaseEndsAt;
  if (file && (!lease || Date.parse(file) >= Date.parse(lease)))
    lines.push(line('offline-file', 'Works offline until', `${formatDate(file)} (offline license file)`));
  else if (lease)
    lines.push(
      line('lease', 'Works offline until', `${formatDate(lease)} (renewed automatically while online)`),
    );
  return lines;
}

/** The date part of an ISO instant ("2027-01-01"), the CLI's date style. */
export const isoDay = (iso: string): string => iso.slice(0, 10);
