// Session-wide defenses: the CSP header on every response and no permission (camera, geolocation,
// notifications…) ever granted, since the app needs none.
import type { Session } from 'electron';

/** Adds the CSP header to every response of the session and denies every permission request. */
export const setupSessionSecurity = (session: Session, csp: string): void => {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
};
