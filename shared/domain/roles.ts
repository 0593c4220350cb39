import { fail, ok, type Result } from '../result';
import type { Role } from './vocabulary';

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
