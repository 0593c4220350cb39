// The hardened webPreferences every window gets, in one place: window.ts builds the app window from
// it and scripts/electron-window-check.ts checks every window in the sources against it.

/** Isolation and sandbox on, Node and webviews off: each option present with exactly this value. */
export const HARDENED_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const);

/** Options a window may leave out but, when it sets them, must have this value. */
export const HARDENED_IF_PRESENT = Object.freeze({
  experimentalFeatures: false,
  enableBlinkFeatures: false,
} as const);
