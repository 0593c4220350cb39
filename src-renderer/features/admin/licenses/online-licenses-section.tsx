import { useCallback } from 'react';
import { call } from '../../../agent';
import { LICENSE_KIND_LABEL, formatDateTime } from '../../../lib/format';
import { PagedTable } from '../../../lib/paged-table';
import { TitledSection } from '../../../lib/titled-section';
import { useAdminStore } from '../admin-store';

/** Online Licenses (R16, R22): machine IDs holding an online license right now. */
export function OnlineLicensesSection({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call((a) => a.adminListOnlineLicenses({ orgId, productId, page: { offset, limit } })),
    [orgId, productId],
  );
  return (
    <TitledSection id="online-licenses" title="Online Licenses">
      <PagedTable
        label="Online licenses"
        fetchPage={fetchPage}
        reloadKey={`${orgId}/${productId}/${version}`}
        rowKey={(l) => l.machineId}
        empty="No machine holds an online license."
        columns={[
          { header: 'Machine ID', cell: (l) => <code>{l.machineId}</code> },
          { header: 'User', cell: (l) => l.userEmail ?? '—' },
          { header: 'Kind', cell: (l) => LICENSE_KIND_LABEL[l.licenseKind] ?? l.licenseKind },
          { header: 'Activated', cell: (l) => formatDateTime(l.activatedAt) },
          { header: 'Last seen', cell: (l) => formatDateTime(l.lastSeenAt) },
        ]}
      />
    </TitledSection>
  );
}
