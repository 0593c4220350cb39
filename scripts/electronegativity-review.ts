// Matches electronegativity findings against reviewed entries: an entry accepts exactly one finding
// (same id, file and line) and must say why; entries whose finding is gone are stale.

/** A finding as the review sees it. */
export interface ReviewIssue {
  readonly id: string;
  readonly file: string;
  readonly line: number;
}

/** A reviewed false positive: which finding, why it is safe, and which test proves the real setting. */
export interface ReviewEntry extends ReviewIssue {
  readonly reason: string;
  readonly provenBy: string;
}

/** Findings no entry accepts (blocking) and entries that accept no finding (stale). */
export function reviewVerdict<I extends ReviewIssue, E extends ReviewEntry>(
  issues: readonly I[],
  reviewed: readonly E[],
): { blocking: I[]; stale: E[] } {
  const accepts = (entry: E, issue: I): boolean =>
    entry.id === issue.id &&
    entry.file === issue.file &&
    entry.line === issue.line &&
    entry.reason.trim().length > 0;
  return {
    blocking: issues.filter((issue) => !reviewed.some((entry) => accepts(entry, issue))),
    stale: reviewed.filter((entry) => !issues.some((issue) => accepts(entry, issue))),
  };
}
