import { fail, ok, type Result } from '../result';
import { CatalogSchema, type Catalog, type LicenseKind, type Product } from './product';

/** Looks a product up by id so every rule reads the model from data, not from `if` chains (R4). */
export function findProduct(catalog: Catalog, id: string): Result<Product> {
  const product = catalog.products.find((candidate) => candidate.id === id);
  return product
    ? ok(product)
    : fail('UNKNOWN_PRODUCT', `There is no product "${id}" in the catalog.`, { productId: id });
}

/** Refuses a kind the product does not sell, e.g. a "seat" subscription of KRE. */
export function requireKind(product: Product, kind: LicenseKind): Result<LicenseKind> {
  return product.kinds.includes(kind)
    ? ok(kind)
    : fail('VALIDATION_FAILED', `${product.name} has no "${kind}" licenses.`, {
        productId: product.id,
        kind,
      });
}

/** Narrows an unknown value (e.g. resources/catalog.json) to a catalog, as a Result. */
export function parseCatalog(input: unknown): Result<Catalog> {
  const parsed = CatalogSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return fail(
    'VALIDATION_FAILED',
    `The catalog is not valid${where}: ${first?.message ?? 'unknown problem'}.`,
  );
}
