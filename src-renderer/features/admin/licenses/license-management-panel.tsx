import { Stack } from '@mantine/core';
import { DEFAULT_CATALOG } from '../../../../shared/catalog/default-catalog';
import { selectedSubscription, useAdminStore } from '../admin-store';
import { LiveSessionsSection } from '../sessions/live-sessions-section';
import { LicensedUsersSection } from './licensed-users-section';
import { MachinesSection } from './machines-section';
import { OfflineLicensesSection } from './offline-licenses-section';
import { OnlineLicensesSection } from './online-licenses-section';
import { SubscriptionDetails } from './subscription-details';

/** Whether the catalog offers offline licenses for a product (R5, R4), used when subscription details are unavailable. */
const offlineInCatalog = (productId: string): boolean =>
  DEFAULT_CATALOG.products.some((p) => p.id === productId && p.offline !== null);

/** The License Management page (R16) for the product picked above the tabs. */
export function LicenseManagementPanel({ orgId }: { orgId: string }) {
  const productId = useAdminStore((s) => s.productId);
  const subscription = useAdminStore(selectedSubscription);
  return (
    <Stack gap="lg">
      {productId && (
        <>
          {subscription && <SubscriptionDetails subscription={subscription} />}
          <LicensedUsersSection orgId={orgId} productId={productId} />
          <OnlineLicensesSection orgId={orgId} productId={productId} />
          <LiveSessionsSection orgId={orgId} productId={productId} />
          <OfflineLicensesSection
            orgId={orgId}
            productId={productId}
            offlineAllowed={subscription?.offlineAllowed ?? offlineInCatalog(productId)}
            subscriptionEnds={subscription?.expiresAt ?? null}
          />
          <MachinesSection orgId={orgId} productId={productId} />
        </>
      )}
    </Stack>
  );
}
