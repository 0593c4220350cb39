// The default catalog as plain data: no zod here, so the renderer's first screen can list products
// without loading the schema library (default-catalog.ts parses it for everyone else).
import type { CatalogInput } from './product';

/** The seeds' products (000, 001, 004) as JSON-shaped data; resources/catalog.json mirrors it (R4). */
export const DEFAULT_CATALOG_INPUT: CatalogInput = {
  products: [
    { id: 'testops-full', name: 'TestOps – Full', pricingModel: 'seat', kinds: ['seat'], offline: null },
    {
      id: 'kse',
      name: 'Katalon Studio Enterprise',
      pricingModel: 'seat',
      kinds: ['per-user', 'node-locked', 'floating'],
      offline: { filePrefix: 'KSE' },
      deprecatedKinds: { 'node-locked': 'per-user', floating: 'per-user' },
      exclusiveKinds: [
        ['per-user', 'node-locked'],
        ['per-user', 'floating'],
      ],
    },
    { id: 'kam', name: 'Katalon Account Manager', pricingModel: 'seat', kinds: ['seat'], offline: null },
    {
      id: 'testcloud-desktop-browser',
      name: 'TestCloud Desktop Browser',
      pricingModel: 'session',
      kinds: ['session'],
      offline: null,
    },
    {
      id: 'testcloud-desktop-mobile-browser',
      name: 'TestCloud Desktop & Mobile Browser',
      pricingModel: 'session',
      kinds: ['session'],
      offline: null,
    },
    {
      id: 'testcloud-mobile-native-app',
      name: 'TestCloud Mobile Native App',
      pricingModel: 'session',
      kinds: ['session'],
      offline: null,
    },
    {
      id: 'kre',
      name: 'Katalon Runtime Engine',
      pricingModel: 'session',
      kinds: ['session', 'floating', 'node-locked'],
      offline: { filePrefix: 'KRE' },
      deprecatedKinds: { 'node-locked': 'floating' },
    },
    { id: 'truetest', name: 'TrueTest', pricingModel: 'aut', kinds: ['aut'], offline: null },
  ],
  legacyPolicy: { deprecatedFrom: '2022-06-07T00:00:00Z', monthlyGraceEndsAt: '2022-06-07T00:00:00Z' },
};
