import { useEffect, useRef, type ReactNode } from 'react';
import { Skeleton, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { FailureAlert } from './failure-alert';
import { usePagedRows, type FetchPage } from './use-paged-rows';

/** One column: its header and how to render a cell. */
export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly width?: number | string;
}

const ROW_HEIGHT = 40;

/** A table whose rows come from the server page by page and are virtualized, so 100,000 machines scroll smoothly. */
export function PagedTable<T>(props: {
  label: string;
  columns: readonly Column<T>[];
  fetchPage: FetchPage<T>;
  reloadKey: unknown;
  rowKey: (row: T) => string;
  empty?: string;
  height?: number;
}) {
  const { label, columns, fetchPage, reloadKey, rowKey, empty = 'Nothing here yet.', height = 360 } = props;
  const rows = usePagedRows(fetchPage, reloadKey);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 800, height },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;
  useEffect(() => {
    if (first !== undefined) rows.ensure(first);
    if (last !== undefined) rows.ensure(last);
  }, [first, last, rows]);

  if (rows.failure) return <FailureAlert failure={rows.failure} />;
  if (rows.total === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div
      ref={scrollRef}
      style={{ maxHeight: height, overflow: 'auto' }}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      <Table stickyHeader striped aria-label={label} aria-rowcount={(rows.total ?? 0) + 1}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.header} style={{ width: column.width }}>
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {before > 0 && <tr style={{ height: before }} aria-hidden="true" />}
          {items.map((item) => {
            const row = rows.row(item.index);
            return (
              <Table.Tr
                key={row ? rowKey(row) : `loading-${item.index}`}
                style={{ height: ROW_HEIGHT }}
                aria-rowindex={item.index + 2}
              >
                {columns.map((column) => (
                  <Table.Td key={column.header}>{row ? column.cell(row) : <Skeleton height={12} />}</Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {after > 0 && <tr style={{ height: after }} aria-hidden="true" />}
        </Table.Tbody>
      </Table>
    </div>
  );
}
