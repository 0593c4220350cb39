import { useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { call } from '../../../agent';
import { useAdminStore } from '../admin-store';
import { ROLE_CHOICES, type Role } from './roles';

/**
 * Adds a member by e-mail (R15). A person new to the server gets a first API key, which main shows in its
 * own window; `onKeyHandedOver` hears only whose key it was.
 */
export function AddMemberForm({
  orgId,
  onKeyHandedOver,
}: {
  orgId: string;
  onKeyHandedOver: (email: string) => void;
}) {
  const change = useAdminStore((s) => s.change);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const add = async () => {
    const result = await change(
      () =>
        call((a) =>
          a.adminAddMember({
            orgId,
            email: email.trim(),
            role,
            ...(name.trim() ? { name: name.trim() } : {}),
          }),
        ),
      `${email.trim()} is now a member.`,
    );
    if (!result.ok) return;
    if (result.value.keyHandedOver) onKeyHandedOver(result.value.email);
    setEmail('');
    setName('');
    setRole('member');
  };
  return (
    <Group align="end">
      <TextInput
        label="E-mail"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        w={260}
      />
      <TextInput
        label="Name (for a new user)"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        w={200}
      />
      <Select
        label="Role"
        data={ROLE_CHOICES}
        value={role}
        onChange={(value) => value && setRole(value as Role)}
        allowDeselect={false}
        w={140}
      />
      <Button disabled={email.trim() === ''} onClick={() => void add()}>
        Add member
      </Button>
    </Group>
  );
}
