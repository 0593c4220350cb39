import { z } from 'zod';
import { fail, ok, type Result } from '../result';

/** Organization roles (R15): owners and admins manage licenses, members use them. */
// Pure: the renderer imports canManageLicenses only, and the bundler may then drop zod from its first screen.
export const RoleSchema = /* @__PURE__ */ z.enum(['owner', 'admin', 'member']);
/** A person's role in one organization. */
export type Role = z.infer<typeof RoleSchema>;

/** R15: only the Owner or an Admin sees License Management and grants, revokes, transfers or removes. */
export function canManageLicenses(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** The R15 gate as a Result, so every management decision starts with the same refusal text. */
export function requireManager(role: Role, action: string): Result<Role> {
  return canManageLicenses(role)
    ? ok(role)
    : fail('FORBIDDEN_ROLE', `Only the Owner or an Admin of the organization can ${action}.`, { role });
}
