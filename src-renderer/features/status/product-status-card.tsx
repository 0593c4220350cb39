import type { ReactNode } from 'react';
import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { productStatusSchema } from '../../../shared/contracts/ipc-agent';
import { licenseDateLines } from '../../../shared/domain/license-dates';
import { LICENSE_KIND_LABEL, formatDate, formatDateTime } from '../../lib/format';
import { adviceFor } from './warning-advice';

type ProductStatus = z.infer<typeof productStatusSchema>;

// Shades dark (or light) enough for 4.5:1 text contrast on filled badges.
const STATE_COLOR: Record<ProductStatus['state'], string> = {
  active: 'teal.9',
  grace: 'yellow.4',
  expired: 'red.9',
  'not-activated': 'gray.7',
  invalid: 'red.9',
};

const STATE_LABEL: Record<ProductStatus['state'], string> = {
  active: 'Active',
  grace: 'Working on lease (server unreachable)',
  expired: 'Expired',
  'not-activated': 'Not activated',
  invalid: 'Invalid',
};

/** One product's standing on this machine, with every warning followed by what to do about it. */
export function ProductStatusCard({ status, actions }: { status: ProductStatus; actions?: ReactNode }) {
  const rows: [string, string][] = [
    [
      'License kind',
      status.licenseKind ? (LICENSE_KIND_LABEL[status.licenseKind] ?? status.licenseKind) : '—',
    ],
    [
      'Source',
      status.source === 'offline' ? 'Offline license file' : status.source === 'lease' ? 'Online lease' : '—',
    ],
    ...(status.trust === 'local-evaluation'
      ? [['Issued by', 'Local evaluation license (a license server on this machine)'] as [string, string]]
      : []),
    ['Organization', status.organizationName ?? '—'],
    // "Licensed until … (subscription)", "Works offline until … (…)": each date says what it is.
    ...licenseDateLines(status, formatDate).map((d): [string, string] => [d.label, d.value]),
    [
      'Session',
      status.session ? `${status.session.state} since ${formatDateTime(status.session.startedAt)}` : 'none',
    ],
  ];
  const headingId = `product-${status.productId}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={headingId}>
          {status.productName}
        </Title>
        <Badge color={STATE_COLOR[status.state]} variant="filled">
          {STATE_LABEL[status.state]}
        </Badge>
      </Group>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }}>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <Text component="dt" c="dimmed" size="sm">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {value}
            </Text>
          </div>
        ))}
      </dl>
      <Stack gap="xs" mt="sm">
        {status.reason && (
          <Alert color="red" variant="light" title="Why it cannot run">
            {status.reason.message}
          </Alert>
        )}
        {status.warnings.map((warning) => (
          <Alert
            key={warning.code}
            color="yellow"
            variant="light"
            title={warning.message}
            data-warning={warning.code}
          >
            {adviceFor(warning.code)}
          </Alert>
        ))}
      </Stack>
      {actions}
    </Card>
  );
}
