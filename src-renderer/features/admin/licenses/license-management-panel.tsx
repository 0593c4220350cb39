import { Stack } from '@mantine/core';
import { selectedSubscription, useAdminStore } from '../admin-store';
import { LicensedUsersSection } from './licensed-users-section';
import { MachinesSection } from './machines-section';
import { OfflineLicensesSection } from './offline-licenses-section';
import { OnlineLicensesSection } from './online-licenses-section';
import { SubscriptionDetails } from './subscription-details';

/** The License Management page (R16) for the product picked above the tabs. */
export function LicenseManagementPanel({ orgId }: { orgId: string }) {
  const productId = useAdminStore((s) => s.productId);
  const subscription = useAdminStore(selectedSubscription);
  return (
    <Stack gap="lg">
      {subscription && productId && (
        <>
          <SubscriptionDetails subscription={subscription} />
          <LicensedUsersSection orgId={orgId} productId={productId} />
          <OnlineLicensesSection orgId={orgId} productId={productId} />
          <OfflineLicensesSection
            orgId={orgId}
            productId={productId}
            offlineAllowed={subscription.offlineAllowed}
            subscriptionEnds={subscription.expiresAt}
          />
          <MachinesSection orgId={orgId} productId={productId} />
        </>
      )}
    </Stack>
  );
}
