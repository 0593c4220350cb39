import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkElectronWindows } from '../../../scripts/electron-window-check';
import { reviewVerdict } from '../../../scripts/electronegativity-review';

// The Electron window check reads options through helper functions with the TypeScript compiler
// API: the reviewers' bad windows (which electronegativity's id + file review let through) fail.

const sourcesUnder = (dir: string): { path: string; text: string }[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));

const HARDENED = `contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false`;

describe('Electron window options check', () => {
  it('passes every window in src-main (options built by secureWebPreferences)', () => {
    expect(checkElectronWindows(sourcesUnder('src-main'))).toEqual([]);
  });

  it('fails a second window in window.ts with contextIsolation: false (found by the review)', () => {
    const text = `${readFileSync('src-main/electron/window.ts', 'utf8')}
export const second = () => new BrowserWindow({ webPreferences: { ${HARDENED.replace('contextIsolation: true', 'contextIsolation: false')} } });
`;
    const findings = checkElectronWindows([{ path: 'src-main/electron/window.ts', text }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.problem).toBe('contextIsolation: false is weaker than true');
    expect(findings[0]?.line).toBe(
      text.split('\n').findIndex((l) => l.startsWith('export const second')) + 1,
    );
  });

  it('accepts a spread of the imported hardened set, but not an option weakened after it', () => {
    const source = (extra: string) => `import { BrowserWindow } from 'electron';
import { HARDENED_WEB_PREFERENCES } from './hardened-web-preferences';
export const open = () => new BrowserWindow({ webPreferences: { ...HARDENED_WEB_PREFERENCES${extra} } });
`;
    expect(checkElectronWindows([{ path: 'ok.ts', text: source('') }])).toEqual([]);
    const weakened = checkElectronWindows([{ path: 'weak.ts', text: source(', sandbox: false') }]);
    expect(weakened.map((f) => f.problem)).toEqual(['sandbox: false is weaker than true']);
    const notImported = source('').replace(/^import \{ HARDENED.*$/m, 'const HARDENED_WEB_PREFERENCES = {};');
    expect(checkElectronWindows([{ path: 'fake.ts', text: notImported }]).map((f) => f.problem)).toContain(
      'webPreferences spreads another object; list every option',
    );
  });

  it('fails the reviewers’ open window: every weak option is named', () => {
    const text = `import { BrowserWindow } from 'electron';
const prefs = () => ({ nodeIntegration: true, sandbox: false, webSecurity: false, allowRunningInsecureContent: true, webviewTag: true, contextIsolation: true });
export const open = () => new BrowserWindow({ width: 10, webPreferences: prefs() });
`;
    const problems = checkElectronWindows([{ path: 'bad.ts', text }]).map((f) => f.problem);
    expect(problems).toEqual(
      expect.arrayContaining([
        'sandbox: false is weaker than true',
        'nodeIntegration: true is weaker than false',
        'webSecurity: false is weaker than true',
        'allowRunningInsecureContent: true is weaker than false',
        'webviewTag: true is weaker than false',
        'nodeIntegrationInWorker is missing (must be false)',
      ]),
    );
  });

  it('fails missing, spread, non-literal and unreadable options, and WebContentsView too', () => {
    const text = `import { BrowserWindow, WebContentsView } from 'electron';
import { external } from './elsewhere';
const flag = true;
export const a = () => new BrowserWindow({});
export const b = () => new WebContentsView({ webPreferences: { ...external, ${HARDENED} } });
export const c = () => new BrowserWindow({ webPreferences: external() });
export const d = () => new WebContentsView({ webPreferences: { ${HARDENED.replace('sandbox: true', 'sandbox: flag')} } });
`;
    const problems = checkElectronWindows([{ path: 'more.ts', text }]).map((f) => f.problem);
    expect(problems).toEqual([
      'BrowserWindow has no webPreferences',
      'webPreferences spreads another object; list every option',
      'webPreferences cannot be read statically',
      'sandbox is not a literal true',
    ]);
  });
});

describe('electronegativity review entries', () => {
  const issue = { id: 'CONTEXT_ISOLATION_JS_CHECK', file: 'src-main/electron/window.ts', line: 45 };
  const reviewed = [{ ...issue, reason: 'helper sets it', provenBy: 'window.test.ts' }];

  it('accepts a finding only by id + file + line', () => {
    expect(reviewVerdict([issue], reviewed)).toEqual({ blocking: [], stale: [] });
  });

  it('a second finding of the same id in the same file on another line blocks', () => {
    const second = { ...issue, line: 70 };
    expect(reviewVerdict([issue, second], reviewed).blocking).toEqual([second]);
  });

  it('an entry without a reason is no review, and an entry whose finding is gone is stale', () => {
    expect(reviewVerdict([issue], [{ ...reviewed[0]!, reason: ' ' }]).blocking).toEqual([issue]);
    expect(reviewVerdict([], reviewed).stale).toEqual(reviewed);
  });
});
