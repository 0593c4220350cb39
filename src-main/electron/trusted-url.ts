// Pure predicates deciding which URLs may leave the app (shell.openExternal) and which are the app's
// own renderer; tested with hostile inputs, because a renderer compromise starts with a crafted URL.

/** Hosts the app may open in the user's browser: documentation and the vendor's support pages only. */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [
  'docs.katalon.com',
  'katalon.com',
  'www.katalon.com',
  'support.katalon.com',
  'github.com',
];

const parse = (value: unknown): URL | null => {
  if (typeof value !== 'string' || value.length > 2048) return null;
  return URL.canParse(value) ? new URL(value) : null;
};

/** True only for https URLs on an allow-listed host, default port, no credentials. */
export const isAllowedExternalUrl = (
  value: unknown,
  allowlist: readonly string[] = EXTERNAL_URL_ALLOWLIST,
): boolean => {
  const url = parse(value);
  if (!url) return false;
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '')
    return false;
  return allowlist.includes(url.hostname);
};

/** True when `value` is a page of the app's own renderer: the exact built index.html, or the dev server origin. */
export const isAppRendererUrl = (value: unknown, rendererUrl: string): boolean => {
  const url = parse(value);
  const expected = parse(rendererUrl);
  if (!url || !expected || url.username !== '' || url.password !== '') return false;
  if (expected.protocol === 'file:')
    return url.protocol === 'file:' && url.host === '' && url.pathname === expected.pathname;
  if (expected.protocol !== 'http:' && expected.protocol !== 'https:') return false;
  return url.origin === expected.origin;
};
