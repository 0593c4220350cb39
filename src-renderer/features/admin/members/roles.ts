import type { IpcRequest } from '../../../../shared/contracts/ipc';

/** A member's role in one organization (R15). */
export type Role = IpcRequest<'admin:change-member-role'>['role'];

/** The roles an admin picks from, in order of rights. */
export const ROLE_CHOICES: { value: Role; label: string }[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
];
