// The renderer's Content-Security-Policy, one string for both the response header and the meta tag.

/** Directives for the built renderer: own scripts only, no network (all data comes over IPC). */
export const PRODUCTION_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  // Mantine sets CSS variables through style attributes and style tags.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'none'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-src': "'none'",
  'frame-ancestors': "'none'",
  'worker-src': "'none'",
};

/** Builds the policy; with a dev server, its origin (and HMR websocket) is allowed as well. */
export const contentSecurityPolicy = (devServerUrl?: string): string => {
  const directives = { ...PRODUCTION_CSP_DIRECTIVES };
  if (devServerUrl !== undefined) {
    const origin = new URL(devServerUrl).origin;
    const socket = origin.replace(/^http/, 'ws');
    // Vite's React preamble is an inline module script during development only.
    directives['script-src'] = `'self' 'unsafe-inline' ${origin}`;
    directives['connect-src'] = `${origin} ${socket}`;
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
};

/** Where src-renderer/index.html holds the CSP meta tag; the Vite build fills it from this file. */
export const CSP_META_PLACEHOLDER = '<!-- tessera:csp-meta -->';

/**
 * The renderer's meta CSP: the same production policy as the header, minus `frame-ancestors`
 * (browsers ignore it in a meta tag; the header carries it). One source: PRODUCTION_CSP_DIRECTIVES.
 */
export const metaContentSecurityPolicy = (): string =>
  contentSecurityPolicy()
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors '))
    .join('; ');

/** Fills the placeholder in index.html: the meta tag for builds; nothing under the dev server (the header applies). */
export const injectCspMeta = (html: string, devServer: boolean): string =>
  html.replace(
    CSP_META_PLACEHOLDER,
    devServer ? '' : `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy()}" />`,
  );
