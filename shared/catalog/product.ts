import * as z from 'zod/mini';

/** Pricing models of seed 000: seat (R1), concurrent session (R2), application under test (R3). */
export const PricingModelSchema = z.enum(['seat', 'session', 'aut']);
/** How a product counts usage; decides which quota decision applies. */
export type PricingModel = z.infer<typeof PricingModelSchema>;

/** Every license kind a subscription can hold, current (per-user, session, seat, aut) and legacy (004). */
export const LicenseKindSchema = z.enum(['per-user', 'node-locked', 'floating', 'session', 'seat', 'aut']);
/** The license model of one subscription line (R19, R21, R25, R26). */
export type LicenseKind = z.infer<typeof LicenseKindSchema>;

/** Product ids are short stable slugs so URLs, files and the database agree on them. */
export const ProductIdSchema = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{1,63}$/, 'A product id is a lowercase slug such as "kse".'));
/** A catalog product id such as "kse" or "kre". */
export type ProductId = z.infer<typeof ProductIdSchema>;

/** One catalog entry: everything the rules need to know about a product, as data (R4). */
export const ProductSchema = z.object({
  id: ProductIdSchema,
  name: z.string().check(z.minLength(1)),
  pricingModel: PricingModelSchema,
  /** Kinds a subscription of this product may hold; the first is the current default. */
  kinds: z.array(LicenseKindSchema).check(z.minLength(1)),
  /** R5: offline licenses exist only where this is set; the prefix names the file (R8). */
  offline: z.nullable(z.object({ filePrefix: z.string().check(z.regex(/^[A-Z]{2,8}$/)) })),
  /** R29/R30 (004): legacy kinds and the kind each becomes at migration. */
  deprecatedKinds: z._default(z.partialRecord(LicenseKindSchema, LicenseKindSchema), {}),
  /** R27: pairs of kinds that may not coexist in one organization. */
  exclusiveKinds: z._default(z.array(z.tuple([LicenseKindSchema, LicenseKindSchema])), []),
});
/** A product as the rules see it. */
export type Product = z.infer<typeof ProductSchema>;

/** R30: legacy dates are configuration (epoch ms), read from the catalog file, never constants. */
export const LegacyPolicySchema = z.object({
  /** From this instant deprecated kinds can no longer be added (R29). */
  deprecatedFrom: z.pipe(
    z.iso.datetime({ offset: true }),
    z.transform((iso) => Date.parse(iso)),
  ),
  /** Monthly renewals before this instant keep legacy kinds; later ones convert (R30). */
  monthlyGraceEndsAt: z.pipe(
    z.iso.datetime({ offset: true }),
    z.transform((iso) => Date.parse(iso)),
  ),
});
/** Legacy-model dates in epoch milliseconds. */
export type LegacyPolicy = z.output<typeof LegacyPolicySchema>;

/** The catalog file (resources/catalog.json): products plus the legacy-model dates. */
export const CatalogSchema = z
  .object({ products: z.array(ProductSchema).check(z.minLength(1)), legacyPolicy: LegacyPolicySchema })
  .check(
    z.refine((catalog) => new Set(catalog.products.map((p) => p.id)).size === catalog.products.length, {
      message: 'Product ids in a catalog must be unique.',
    }),
  );
/** The parsed catalog every decision reads products from. */
export type Catalog = z.output<typeof CatalogSchema>;
/** The catalog as written in JSON (ISO dates), e.g. for resources/catalog.json. */
export type CatalogInput = z.input<typeof CatalogSchema>;
