import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src-main/electron/csp';

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

  it('the renderer’s own meta tag is no looser than the header (no eval, own scripts, no network)', () => {
    const html = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta, 'src-renderer/index.html must carry a CSP meta tag').toBeDefined();
    const parsed = directives(meta ?? '');
    expect(meta).not.toContain('unsafe-eval');
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('connect-src')).toEqual(["'none'"]);
  });
});
