import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { findProduct, parseCatalog, requireKind } from '../../../shared/catalog/find-product';
import type { PricingModel } from '../../../shared/catalog/product';

const product = (id: string) => {
  const found = findProduct(DEFAULT_CATALOG, id);
  if (!found.ok) throw new Error(found.error.message);
  return found.value;
};

describe('catalog', () => {
  it.each<[string, string, PricingModel]>([
    ['R1', 'testops-full', 'seat'],
    ['R1', 'kse', 'seat'],
    ['R1', 'kam', 'seat'],
    ['R2', 'testcloud-desktop-browser', 'session'],
    ['R2', 'testcloud-desktop-mobile-browser', 'session'],
    ['R2', 'testcloud-mobile-native-app', 'session'],
    ['R2', 'kre', 'session'],
    ['R3', 'truetest', 'aut'],
  ])('%s lists %s as %s-based', (_rule, id, model) => {
    expect(product(id).pricingModel).toBe(model);
  });

  it('R4 the default catalog holds exactly the eight seed products', () => {
    expect(DEFAULT_CATALOG.products.map((p) => p.id).sort()).toEqual(
      [
        'kam',
        'kre',
        'kse',
        'testcloud-desktop-browser',
        'testcloud-desktop-mobile-browser',
        'testcloud-mobile-native-app',
        'testops-full',
        'truetest',
      ].sort(),
    );
  });

  it('R4 resources/catalog.json is the default catalog, as data', () => {
    const file: unknown = JSON.parse(
      readFileSync(new URL('../../../resources/catalog.json', import.meta.url), 'utf8'),
    );
    const parsed = parseCatalog(file);
    expect(parsed).toEqual({ ok: true, value: DEFAULT_CATALOG });
  });

  it('R4 a catalog override can add a product without code changes', () => {
    const extra = {
      id: 'new-tool',
      name: 'New Tool',
      pricingModel: 'session',
      kinds: ['session'],
      offline: null,
    };
    const input = {
      products: [extra],
      legacyPolicy: { deprecatedFrom: '2030-01-01T00:00:00Z', monthlyGraceEndsAt: '2030-04-01T00:00:00Z' },
    };
    const parsed = parseCatalog(input);
    expect(parsed.ok && findProduct(parsed.value, 'new-tool').ok).toBe(true);
    expect(parsed.ok && parsed.value.legacyPolicy.deprecatedFrom).toBe(Date.UTC(2030, 0, 1));
  });

  it('R4 refuses a malformed catalog with a readable reason', () => {
    const parsed = parseCatalog({ products: [{ id: 'X', name: '' }], legacyPolicy: {} });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe('VALIDATION_FAILED');
    expect(!parsed.ok && parsed.error.message).toMatch(/^The catalog is not valid at products\.0\./);
  });

  it('R4 refuses duplicate product ids', () => {
    const kse = DEFAULT_CATALOG.products.find((p) => p.id === 'kse');
    const parsed = parseCatalog({
      products: [kse, kse],
      legacyPolicy: { deprecatedFrom: '2022-06-07T00:00:00Z', monthlyGraceEndsAt: '2022-06-07T00:00:00Z' },
    });
    expect(parsed.ok).toBe(false);
  });

  it('R5 only KSE and KRE allow offline licenses', () => {
    const offline = DEFAULT_CATALOG.products.filter((p) => p.offline !== null).map((p) => p.id);
    expect(offline.sort()).toEqual(['kre', 'kse']);
  });

  it('refuses an unknown product id', () => {
    const found = findProduct(DEFAULT_CATALOG, 'katalon-x');
    expect(!found.ok && found.error.code).toBe('UNKNOWN_PRODUCT');
  });

  it('R19 R25 R26 KSE sells per-User and the legacy node-locked and floating kinds, KRE sessions', () => {
    expect(requireKind(product('kse'), 'per-user').ok).toBe(true);
    expect(requireKind(product('kse'), 'floating').ok).toBe(true);
    expect(requireKind(product('kre'), 'session').ok).toBe(true);
    expect(requireKind(product('testops-full'), 'floating').ok).toBe(false);
  });
});
