import { useCallback } from 'react';
import { Text } from '@mantine/core';
import { call } from '../../../agent';
import { formatDate } from '../../../lib/format';
import { PagedTable } from '../../../lib/paged-table';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';
import { OfflineLicenseForm } from './offline-license-form';

/** Offline Licenses (R5, R8, R9): create from a machine ID and list what was generated; never revoked or transferred. */
export function OfflineLicensesSection(props: {
  orgId: string;
  productId: string;
  offlineAllowed: boolean;
  subscriptionEnds: string | null;
}) {
  const { orgId, productId, offlineAllowed, subscriptionEnds } = props;
  const version = useAdminStore((s) => s.version);
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call((a) => a.adminListOfflineLicenses({ orgId, productId, page: { offset, limit } })),
    [orgId, productId],
  );
  return (
    <TitledSection id="offline-licenses" title="Offline Licenses">
      {offlineAllowed ? (
        <OfflineLicenseForm orgId={orgId} productId={productId} subscriptionEnds={subscriptionEnds} />
      ) : (
        <Text size="sm" c="dimmed">
          This product has no offline licenses; only KSE and KRE do.
        </Text>
      )}
      <PagedTable
        label="Offline licenses"
        fetchPage={fetchPage}
        reloadKey={`${orgId}/${productId}/${version}`}
        rowKey={(l) => l.licenseId}
        empty="No offline license has been generated."
        columns={[
          { header: 'Machine ID', cell: (l) => <code>{l.machineId}</code> },
          { header: 'File', cell: (l) => l.fileName },
          { header: 'Created', cell: (l) => formatDate(l.createdAt) },
          { header: 'Expires', cell: (l) => formatDate(l.expiresAt) },
          { header: 'Created by', cell: (l) => l.createdBy },
        ]}
      />
    </TitledSection>
  );
}
