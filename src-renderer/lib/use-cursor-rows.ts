import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallFailure } from '../agent';
import type { Result } from '../../shared/result';
import type { PagedRows } from './use-paged-rows';

/** One keyset page request: the first page has no cursor, each next one passes the previous page's `next`. */
export type FetchCursorPage<T> = (
  limit: number,
  after?: string,
) => Promise<Result<{ items: T[]; total: number; next?: string | null | undefined }>>;

/**
 * Rows read on by keyset cursor only (Registered Machines): pages load in order as the list scrolls, so
 * every request costs what the first page costs. The scroll area spans the loaded rows plus one page of
 * placeholders while more exist; jumping is a new starting point (a `reloadKey` change), never an offset.
 */
export function useCursorRows<T>(
  fetchPage: FetchCursorPage<T>,
  reloadKey: unknown,
  pageSize = 100,
): PagedRows<T> {
  const [rows, setRows] = useState<readonly T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const loading = useRef(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(
    (after: string | undefined) => {
      if (loading.current) return;
      loading.current = true;
      const mine = generation.current;
      void fetchRef.current(pageSize, after).then((result) => {
        if (mine !== generation.current) return;
        loading.current = false;
        if (!result.ok) {
          setFailure(result.error);
          return;
        }
        setFailure(null);
        setTotal(result.value.total);
        setNext(typeof result.value.next === 'string' ? result.value.next : null);
        setRows((old) => (after === undefined ? result.value.items : [...old, ...result.value.items]));
      });
    },
    [pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    loading.current = false;
    setRows([]);
    setNext(null);
    setTotal(null);
    load(undefined);
  }, [reloadKey, load]);

  return {
    total,
    count: rows.length + (next === null ? 0 : pageSize),
    failure,
    row: (index) => rows[index],
    ensure: (index) => {
      if (index >= rows.length && next !== null) load(next);
    },
  };
}
