import { useCallback, useState } from 'react';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { call } from '../../../agent';
import { PagedTable } from '../../../lib/paged-table';
import { queryField, SearchToolbar, useSearchQuery } from '../../../lib/search-toolbar';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';
import { AddMemberForm } from './add-member-form';
import { KeyHandedOverNote } from './key-handed-over-note';
import { ROLE_CHOICES, type Role } from './roles';

/**
 * Members (R15, R23): add by e-mail, change a role, reissue or revoke a member's API key, remove a
 * member (their seats, activations and sessions in this organization end). A new key never reaches this
 * panel: main shows it in its own window, and the panel only says so.
 */
export function MembersPanel({ orgId }: { orgId: string }) {
  const version = useAdminStore((s) => s.version);
  const change = useAdminStore((s) => s.change);
  const [handedTo, setHandedTo] = useState<string | null>(null);
  const search = useSearchQuery();
  const debounced = search.query;
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call((a) => a.adminListMembers({ orgId, page: { offset, limit }, ...queryField(debounced) })),
    [orgId, debounced],
  );
  const reissue = async (userId: string, email: string) => {
    const result = await change(
      () => call((a) => a.adminReissueMemberKey({ orgId, userId, email })),
      `A new API key was issued to ${email}; the old ones no longer work.`,
    );
    if (result.ok) setHandedTo(email);
  };
  return (
    <Stack gap="lg">
      <KeyHandedOverNote email={handedTo} onClose={() => setHandedTo(null)} />
      <TitledSection id="add-member" title="Add a member">
        <AddMemberForm orgId={orgId} onKeyHandedOver={setHandedTo} />
      </TitledSection>
      <TitledSection id="members" title="Members">
        <Text size="sm" c="dimmed">
          Owners and Admins manage licenses (R15); only an Owner changes or removes another Owner, and the
          last Owner stays. Removing a member ends their seats, activations and sessions here.
        </Text>
        <SearchToolbar label="Search by name or e-mail" search={search} />
        <PagedTable
          label="Members"
          fetchPage={fetchPage}
          reloadKey={`${orgId}/${version}/${debounced}`}
          rowKey={(m) => m.userId}
          empty="No member matches."
          columns={[
            { header: 'Name', cell: (m) => m.name },
            { header: 'E-mail', cell: (m) => m.email },
            {
              header: 'Role',
              cell: (m) => (
                <Select
                  aria-label={`Role of ${m.email}`}
                  data={ROLE_CHOICES}
                  value={m.role}
                  allowDeselect={false}
                  size="xs"
                  w={120}
                  onChange={(role) =>
                    role &&
                    role !== m.role &&
                    void change(
                      () =>
                        call((a) => a.adminChangeMemberRole({ orgId, userId: m.userId, role: role as Role })),
                      `${m.email} is now ${role}.`,
                    )
                  }
                />
              ),
            },
            {
              header: 'Actions',
              cell: (m) => (
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="subtle"
                    aria-label={`Reissue the API key of ${m.email}`}
                    onClick={() => void reissue(m.userId, m.email)}
                  >
                    Reissue key
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    aria-label={`Revoke the API keys of ${m.email}`}
                    onClick={() =>
                      void change(
                        () => call((a) => a.adminRevokeMemberKey({ orgId, userId: m.userId })),
                        `The API keys of ${m.email} were revoked.`,
                      )
                    }
                  >
                    Revoke keys
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${m.email} from the organization`}
                    onClick={() =>
                      void change(
                        () => call((a) => a.adminRemoveMember({ orgId, userId: m.userId })),
                        `${m.email} was removed.`,
                      )
                    }
                  >
                    Remove
                  </Button>
                </Group>
              ),
            },
          ]}
        />
      </TitledSection>
    </Stack>
  );
}
