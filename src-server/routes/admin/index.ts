import type { RouteModule } from '../route-deps';
import { auditRoutes } from './audit';
import { licenseAdminRoutes } from './license-operations';
import { licenseReadRoutes } from './licenses';
import { liveSessionRoutes } from './live-sessions';
import { machineAdminRoutes } from './machines';
import { memberAdminRoutes } from './members';
import { migrationRoutes } from './migration';
import { orgAdminRoutes } from './org';
import { renewalAdminRoutes } from './renewals';

/**
 * Admin route modules (License Management, organizations, audit reads) live in this folder and are
 * listed here; app.ts registers each with the same deps as the agent routes.
 */
export const adminRouteModules: readonly RouteModule[] = [
  licenseReadRoutes,
  licenseAdminRoutes,
  machineAdminRoutes,
  liveSessionRoutes,
  orgAdminRoutes,
  memberAdminRoutes,
  auditRoutes,
  migrationRoutes,
  renewalAdminRoutes,
];
