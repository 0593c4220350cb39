// Which component draws each screen. Status is in the entry chunk (it is the first screen); the others
// are separate chunks fetched on first use, so the admin console never slows the status screen down.
import { lazy, type ComponentType } from 'react';
import { StatusPage } from '../status/status-page';
import type { Screen } from './nav-store';

/** Each screen's component; lazy ones need a Suspense boundary above them (app.tsx). */
export const SCREENS: Record<Screen, ComponentType> = {
  status: StatusPage,
  offline: lazy(() =>
    import('../activation/offline-import-page').then((m) => ({ default: m.OfflineImportPage })),
  ),
  setup: lazy(() => import('../setup/setup-page').then((m) => ({ default: m.SetupPage }))),
  admin: lazy(() => import('../admin/admin-page').then((m) => ({ default: m.AdminPage }))),
};
