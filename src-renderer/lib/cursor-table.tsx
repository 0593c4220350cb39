// Tables read on by keyset cursor only (Registered Machines): every page costs what the first one does.
import { useCursorRows, type FetchCursorPage } from './use-cursor-rows';
import { VirtualRowsTable, type TableProps } from './virtual-rows-table';

/** A virtualized table that loads the next page after the last loaded row as it scrolls into view. */
export function CursorTable<T>(props: TableProps<T> & { fetchPage: FetchCursorPage<T>; reloadKey: unknown }) {
  const { fetchPage, reloadKey, ...table } = props;
  return <VirtualRowsTable {...table} rows={useCursorRows(fetchPage, reloadKey)} />;
}
