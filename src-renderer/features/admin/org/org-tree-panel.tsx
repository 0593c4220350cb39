import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import type { IpcResponse } from '../../../../shared/contracts/ipc';
import { call, type CallFailure } from '../../../agent';
import { FailureAlert } from '../../../lib/failure-alert';
import { useAdminStore } from '../admin-store';
import { useMembers } from '../use-members';
import { AllocationLegend } from './allocation-legend';
import { treeRows } from './tree-rows';

type OrgTree = IpcResponse<'admin:get-org-tree'>;

/** The organization tree for one product (R13, R14): dedicated / pool / assigned / available, and dedicating to children; plus the R18 warning. */
export function OrgTreePanel({ orgId, productId }: { orgId: string; productId: string }) {
  const version = useAdminStore((s) => s.version);
  const change = useAdminStore((s) => s.change);
  const freePlanWarning = useMembers(orgId, version).page?.freePlanWarning ?? null;
  const [tree, setTree] = useState<OrgTree | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const [drafts, setDrafts] = useState<Record<string, number>>({});

  useEffect(() => {
    let live = true;
    void call((a) => a.adminGetOrgTree({ orgId, productId })).then((r) => {
      if (!live) return;
      setTree(r.ok ? r.value : null);
      setFailure(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [orgId, productId, version]);

  const dedicate = (parentId: string, childOrgId: string, count: number) =>
    void change(
      () => call((a) => a.adminDedicateLicenses({ orgId: parentId, childOrgId, productId, count })),
      'Dedication saved.',
    );

  return (
    <Stack gap="sm">
      {freePlanWarning && (
        <Alert color="yellow" title="Free and licensed users are mixed" data-warning="R18">
          {freePlanWarning} Members without a license keep free-plan privileges only.
        </Alert>
      )}
      <AllocationLegend />
      <FailureAlert failure={failure} />
      {failure ? null : !tree ? (
        <Text size="sm" c="dimmed">
          Loading the organization tree…
        </Text>
      ) : (
        <Table aria-label="Organization allocation" striped>
          <Table.Thead>
            <Table.Tr>
              {['Organization', 'Dedicated', 'Pool', 'Assigned', 'Available', 'Dedicate'].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {treeRows(tree.nodes).map(({ node, depth }) => (
              <Table.Tr key={node.id} data-org={node.name}>
                <Table.Td style={{ paddingLeft: 12 + depth * 20 }}>{node.name}</Table.Td>
                <Table.Td>{node.dedicated}</Table.Td>
                <Table.Td>{node.pool}</Table.Td>
                <Table.Td>{node.assigned}</Table.Td>
                <Table.Td>{node.available}</Table.Td>
                <Table.Td>
                  {node.parentId && (
                    <Group gap={4} wrap="nowrap">
                      <NumberInput
                        size="xs"
                        w={90}
                        min={0}
                        aria-label={`Licenses dedicated to ${node.name}`}
                        value={drafts[node.id] ?? node.dedicated}
                        onChange={(v) =>
                          setDrafts((d) => ({ ...d, [node.id]: typeof v === 'number' ? v : Number(v) || 0 }))
                        }
                      />
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Save dedication to ${node.name}`}
                        onClick={() =>
                          node.parentId && dedicate(node.parentId, node.id, drafts[node.id] ?? node.dedicated)
                        }
                      >
                        Save
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
