import { DEFAULT_CATALOG_INPUT } from './default-catalog-input';
import { CatalogSchema, type Catalog } from './product';

/** Re-exported so the catalog's importers keep one module to ask for it. */
export { DEFAULT_CATALOG_INPUT };

/** The parsed default catalog, used when no override file is configured. */
export const DEFAULT_CATALOG: Catalog = CatalogSchema.parse(DEFAULT_CATALOG_INPUT);
