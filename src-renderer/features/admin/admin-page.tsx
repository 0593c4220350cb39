import { useEffect, useMemo } from 'react';
import { Alert, Group, Select, Stack, Tabs, Title } from '@mantine/core';
import { FailureAlert } from '../../lib/failure-alert';
import { managedOrganizations, useMeStore } from '../account/me-store';
import { productChoices, useAdminStore } from './admin-store';
import { LicenseManagementPanel } from './licenses/license-management-panel';
import { MembersPanel } from './members/members-panel';
import { AuditPanel } from './org/audit-panel';
import { MigrationPanel } from './org/migration-panel';
import { OrgTreePanel } from './org/org-tree-panel';
import { UsagePanel } from './org/usage-panel';

/** The admin console (Owners and Admins only, R15): one organization at a time, one tab per job. */
export function AdminPage() {
  const orgs = managedOrganizations(useMeStore((s) => s.me));
  const orgId = useAdminStore((s) => s.orgId);
  const productId = useAdminStore((s) => s.productId);
  const selectOrg = useAdminStore((s) => s.selectOrg);
  const subscriptions = useAdminStore((s) => s.subscriptions);
  const choices = useMemo(() => productChoices(subscriptions), [subscriptions]);
  const subscriptionsFailure = useAdminStore((s) => s.subscriptionsFailure);
  const selectProduct = useAdminStore((s) => s.selectProduct);
  const failure = useAdminStore((s) => s.failure);
  const notice = useAdminStore((s) => s.notice);
  const firstOrg = orgs[0]?.id;

  useEffect(() => {
    if (!orgId && firstOrg) void selectOrg(firstOrg);
  }, [orgId, firstOrg, selectOrg]);

  return (
    <Stack gap="md">
      <Title order={2}>Admin console</Title>
      <Group align="end">
        <Select
          label="Organization"
          data={orgs.map((o) => ({ value: o.id, label: `${o.name} (${o.role})` }))}
          value={orgId}
          onChange={(value) => value && void selectOrg(value)}
          allowDeselect={false}
          w={320}
        />
        <Select
          label="Product"
          data={choices}
          value={productId}
          onChange={(value) => value && selectProduct(value)}
          allowDeselect={false}
          w={320}
        />
      </Group>
      <div aria-live="polite">
        <FailureAlert failure={failure} title="The server refused" />
        {subscriptionsFailure && (
          <Alert color="yellow" variant="light" title="Subscription details are unavailable">
            {subscriptionsFailure.message} Products are listed from the catalog.
          </Alert>
        )}
        {notice && !failure && (
          <Alert color="green" variant="light" role="status">
            {notice}
          </Alert>
        )}
      </div>
      {orgId && (
        <Tabs defaultValue="licenses" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="licenses">License Management</Tabs.Tab>
            <Tabs.Tab value="members">Members</Tabs.Tab>
            <Tabs.Tab value="org">Organization</Tabs.Tab>
            <Tabs.Tab value="usage">Utilization</Tabs.Tab>
            <Tabs.Tab value="audit">Audit log</Tabs.Tab>
            <Tabs.Tab value="migration">Migration</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="licenses" pt="md">
            <LicenseManagementPanel orgId={orgId} />
          </Tabs.Panel>
          <Tabs.Panel value="members" pt="md">
            <MembersPanel orgId={orgId} />
          </Tabs.Panel>
          {productId && (
            <>
              <Tabs.Panel value="org" pt="md">
                <OrgTreePanel orgId={orgId} productId={productId} />
              </Tabs.Panel>
              <Tabs.Panel value="usage" pt="md">
                <UsagePanel orgId={orgId} productId={productId} />
              </Tabs.Panel>
              <Tabs.Panel value="audit" pt="md">
                <AuditPanel orgId={orgId} productId={productId} />
              </Tabs.Panel>
              <Tabs.Panel value="migration" pt="md">
                <MigrationPanel orgId={orgId} productId={productId} />
              </Tabs.Panel>
            </>
          )}
        </Tabs>
      )}
    </Stack>
  );
}
