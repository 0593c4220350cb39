// Tables paged by offset (Licensed Users, Online and Offline Licenses, …); keyset tables: cursor-table.tsx.
import { usePagedRows, type FetchPage } from './use-paged-rows';
import { VirtualRowsTable, type TableProps } from './virtual-rows-table';

export type { Column } from './virtual-rows-table';

/** A table whose rows come from the server page by page and are virtualized, so 100,000 rows scroll smoothly. */
export function PagedTable<T>(props: TableProps<T> & { fetchPage: FetchPage<T>; reloadKey: unknown }) {
  const { fetchPage, reloadKey, ...table } = props;
  return <VirtualRowsTable {...table} rows={usePagedRows(fetchPage, reloadKey)} />;
}
