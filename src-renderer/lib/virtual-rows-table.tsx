// Renders rows that come from the server a page at a time (offset or keyset), virtualized.
import { useEffect, useRef, type ReactNode } from 'react';
import { Skeleton, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { FailureAlert } from './failure-alert';
import type { PagedRows } from './use-paged-rows';

/** One column: its header and how to render a cell. */
export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly width?: number | string;
}

const ROW_HEIGHT = 40;

/** What every server-paged table shows besides its rows. */
export interface TableProps<T> {
  label: string;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  empty?: string;
  height?: number;
}

/** Draws server-paged rows virtualized: only the rows in view (plus a few) exist in the DOM, at any table size. */
export function VirtualRowsTable<T>(props: TableProps<T> & { rows: PagedRows<T> }) {
  const { label, columns, rows, rowKey, empty = 'Nothing here yet.', height = 360 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.count,
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
  if (rows.total !== null && rows.count === 0)
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
      <Table stickyHeader striped aria-label={label} aria-rowcount={(rows.total ?? rows.count) + 1}>
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
