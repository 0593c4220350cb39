import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CSP_META_PLACEHOLDER,
  contentSecurityPolicy,
  injectCspMeta,
  PRODUCTION_CSP_DIRECTIVES,
} from '../../../src-main/electron/csp';

const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values]),
  );

describe('contentSecurityPolicy', () => {
  const production = directives(contentSecurityPolicy());

  it('denies by default and allows only the app’s own scripts', () => {
    expect(production.get('default-src')).toEqual(["'none'"]);
    expect(production.get('script-src')).toEqual(["'self'"]);
  });

  it('forbids eval, plugins, framing, forms, base rewriting and any network from the page', () => {
    const text = contentSecurityPolicy();
    expect(text).not.toContain('unsafe-eval');
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('frame-src')).toEqual(["'none'"]);
    expect(production.get('form-action')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'none'"]);
    expect(production.get('connect-src')).toEqual(["'none'"]);
  });

  it('allows only the loopback dev server, and only when one is used', () => {
    const dev = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('connect-src')).toEqual(['http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('script-src')).toContain('http://localhost:5173');
    expect(contentSecurityPolicy()).not.toContain('localhost');
  });

  it('the renderer’s meta tag is the header’s policy, directive by directive (one source: csp.ts)', () => {
    const source = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    expect(source).toContain(CSP_META_PLACEHOLDER);
    expect(source).not.toMatch(/Content-Security-Policy/i);
    const built = injectCspMeta(source, false);
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(built)?.[1];
    expect(meta, 'the built index.html must carry a CSP meta tag').toBeDefined();
    const parsed = directives(meta ?? '');
    for (const [name, value] of Object.entries(PRODUCTION_CSP_DIRECTIVES)) {
      if (name === 'frame-ancestors')
        expect(parsed.has(name), 'ignored in meta; the header has it').toBe(false);
      else expect(parsed.get(name), name).toEqual(value.split(' '));
    }
    expect([...parsed.keys()].filter((name) => !(name in PRODUCTION_CSP_DIRECTIVES))).toEqual([]);
    expect(parsed.get('default-src')).toEqual(["'none'"]);
  });

  it('the built renderer (dist/renderer, when present) carries that same meta policy', () => {
    let built: string;
    try {
      built = readFileSync(new URL('../../../dist/renderer/index.html', import.meta.url), 'utf8');
    } catch {
      return;
    }
    const source = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = (html: string) =>
      /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta(built)).toBe(meta(injectCspMeta(source, false)));
  });
});
