import { useCallback, useState } from 'react';
import { Button, Group } from '@mantine/core';
import { call } from '../../../agent';
import { formatDate, formatDateTime } from '../../../lib/format';
import { PagedTable } from '../../../lib/paged-table';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';
import { MemberPicker } from '../members/member-picker';
import type { MemberMatch } from '../members/use-member-search';

/** Licensed Users (R16): grant to a member (R15, R17), remove (R23), transfer to another member (R24). */
export function LicensedUsersSection({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const change = useAdminStore((s) => s.change);
  const [grantTo, setGrantTo] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call((a) => a.adminListLicensedUsers({ orgId, productId, page: { offset, limit } })),
    [orgId, productId],
  );
  const licensed = useCallback((m: MemberMatch) => m.licensedProducts.includes(productId), [productId]);
  const unlicensed = useCallback((m: MemberMatch) => !m.licensedProducts.includes(productId), [productId]);

  return (
    <TitledSection id="licensed-users" title="Licensed Users">
      <Group align="end">
        <MemberPicker
          orgId={orgId}
          label="Grant a license to"
          value={grantTo}
          onChange={setGrantTo}
          accept={unlicensed}
        />
        <Button
          disabled={!grantTo}
          onClick={() =>
            grantTo &&
            void change(
              () => call((a) => a.adminAddLicensedUser({ orgId, productId, userId: grantTo })),
              'License granted.',
            ).then((r) => r.ok && setGrantTo(null))
          }
        >
          Grant license
        </Button>
      </Group>
      <PagedTable
        label="Licensed users"
        fetchPage={fetchPage}
        reloadKey={`${orgId}/${productId}/${version}`}
        rowKey={(u) => u.userId}
        empty="No user holds a license of this product."
        columns={[
          { header: 'Name', cell: (u) => u.name },
          { header: 'E-mail', cell: (u) => u.email },
          { header: 'Assigned', cell: (u) => formatDate(u.assignedAt) },
          { header: 'Last active', cell: (u) => formatDateTime(u.lastActiveAt) },
          {
            header: 'Actions',
            cell: (u) => (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={`Remove license from ${u.email}`}
                onClick={() =>
                  void change(
                    () => call((a) => a.adminRemoveLicensedUser({ orgId, productId, userId: u.userId })),
                    `License removed from ${u.email}.`,
                  )
                }
              >
                Remove
              </Button>
            ),
          },
        ]}
      />
      <Group align="end">
        <MemberPicker
          orgId={orgId}
          label="Transfer from"
          placeholder="A licensed user's name or e-mail"
          value={from}
          onChange={setFrom}
          accept={licensed}
          w={280}
        />
        <MemberPicker
          orgId={orgId}
          label="Transfer to"
          value={to}
          onChange={setTo}
          accept={unlicensed}
          w={280}
        />
        <Button
          variant="light"
          disabled={!from || !to}
          onClick={() =>
            from &&
            to &&
            void change(
              () => call((a) => a.adminTransferLicense({ orgId, productId, fromUserId: from, toUserId: to })),
              'License transferred.',
            )
          }
        >
          Transfer
        </Button>
      </Group>
    </TitledSection>
  );
}
