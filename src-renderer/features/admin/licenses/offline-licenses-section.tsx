import { useCallback, useState } from 'react';
import { Button, Text } from '@mantine/core';
import { call, type CallFailure } from '../../../agent';
import { FailureAlert } from '../../../lib/failure-alert';
import { formatDate } from '../../../lib/format';
import { PagedTable } from '../../../lib/paged-table';
import { saveTextFile } from '../../../lib/save-text-file';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';
import { OfflineLicenseForm } from './offline-license-form';

/** Offline Licenses (R5, R8, R9): create from a machine ID, list what was generated and save a file again; never revoked or transferred. */
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
  const [failure, setFailure] = useState<CallFailure | null>(null);
  // R8: the server keeps each signed file, so a lost one is saved again as it was, at no extra license.
  const downloadAgain = async (licenseId: string) => {
    const result = await call((a) => a.adminDownloadOfflineLicense({ orgId, licenseId }));
    if (result.ok) saveTextFile(result.value.fileName, result.value.content);
    setFailure(result.ok ? null : result.error);
  };
  return (
    <TitledSection id="offline-licenses" title="Offline Licenses">
      {offlineAllowed ? (
        <OfflineLicenseForm orgId={orgId} productId={productId} subscriptionEnds={subscriptionEnds} />
      ) : (
        <Text size="sm" c="dimmed">
          This product has no offline licenses; only KSE and KRE do.
        </Text>
      )}
      <FailureAlert failure={failure} title="The file could not be downloaded" />
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
          {
            header: 'Actions',
            cell: (l) => (
              <Button
                size="xs"
                variant="subtle"
                aria-label={`Download ${l.fileName} again`}
                onClick={() => void downloadAgain(l.licenseId)}
              >
                Download again
              </Button>
            ),
          },
        ]}
      />
    </TitledSection>
  );
}
