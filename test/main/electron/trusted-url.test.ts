import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EXTERNAL_URL_ALLOWLIST,
  isAllowedExternalUrl,
  isAppRendererUrl,
} from '../../../src-main/electron/trusted-url';

describe('isAllowedExternalUrl', () => {
  it('allows https pages on allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://docs.katalon.com/docs/get-started')).toBe(true);
    expect(isAllowedExternalUrl('https://DOCS.KATALON.COM/x?y=1#z')).toBe(true);
  });

  it.each([
    ['plain http', 'http://docs.katalon.com/'],
    ['javascript URL', 'javascript:alert(1)'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['file URL', 'file:///etc/passwd'],
    ['custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['look-alike subdomain', 'https://docs.katalon.com.evil.example/'],
    ['credentials trick', 'https://docs.katalon.com@evil.example/'],
    ['credentials on an allowed host', 'https://user:pw@docs.katalon.com/'],
    ['non-default port', 'https://docs.katalon.com:8443/'],
    ['host only in the fragment', 'https://evil.example/#docs.katalon.com'],
    ['host only in the path', 'https://evil.example/docs.katalon.com'],
    ['backslash confusion', 'https:\\\\evil.example\\docs.katalon.com'],
    ['unicode look-alike', 'https://dоcs.katalon.com/'],
    ['sub-subdomain not listed', 'https://evil.docs.katalon.com/'],
    ['protocol-relative', '//docs.katalon.com/'],
    ['empty', ''],
    ['over-long', `https://docs.katalon.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each([[undefined], [null], [42], [{ toString: () => 'https://docs.katalon.com/' }]])(
    'refuses non-strings (%s)',
    (value) => {
      expect(isAllowedExternalUrl(value)).toBe(false);
    },
  );

  it('never throws and never allows a host outside the list, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withFragments: true, withQueryParameters: true })),
        (value) => {
          const allowed = isAllowedExternalUrl(value);
          if (allowed) expect(EXTERNAL_URL_ALLOWLIST).toContain(new URL(value).hostname);
        },
      ),
    );
  });
});

describe('isAppRendererUrl', () => {
  const built = 'file:///opt/Tessera/resources/app.asar/dist/renderer/index.html';

  it('accepts the built index.html, with or without a hash route', () => {
    expect(isAppRendererUrl(built, built)).toBe(true);
    expect(isAppRendererUrl(`${built}#/admin`, built)).toBe(true);
  });

  it.each([
    ['another local file', 'file:///tmp/evil.html'],
    [
      'a file on a remote host',
      'file://evil.example/opt/Tessera/resources/app.asar/dist/renderer/index.html',
    ],
    ['a web page', 'https://evil.example/'],
    ['about:blank', 'about:blank'],
    ['garbage', 'not a url'],
  ])('refuses %s for the built renderer', (_name, url) => {
    expect(isAppRendererUrl(url, built)).toBe(false);
  });

  it('accepts the dev server origin only, not a look-alike port or host', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppRendererUrl('http://localhost:5173/some/route', dev)).toBe(true);
    expect(isAppRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppRendererUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(isAppRendererUrl('http://user@localhost:5173/', dev)).toBe(false);
  });
});
