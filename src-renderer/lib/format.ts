/** One date style across the app, in the user's locale, so expiry dates read the same everywhere. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Date and time for events (audit log, sessions), where the hour matters. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "12 days left" / "expired 3 days ago": the number people act on, in words. */
export function formatDaysLeft(daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined) return '—';
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return '1 day left';
  if (daysLeft === 0) return 'expires today';
  return `expired ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
}

/** Human names for license kinds, as the seeds call them. */
export const LICENSE_KIND_LABEL: Readonly<Record<string, string>> = {
  'per-user': 'Per-User',
  'node-locked': 'Node-locked',
  floating: 'Floating',
  session: 'Session-based',
  seat: 'Seat-based',
  aut: 'Application-under-test',
};
