import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../shared/result';
import type { CallFailure } from '../agent';

/** Rows fetched from the server a page at a time (server-side paging for tables of any size). */
export interface PagedRows<T> {
  readonly total: number | null;
  /** How many rows the scroll area spans (loaded or not): the total for offset pages. */
  readonly count: number;
  readonly failure: CallFailure | null;
  row(index: number): T | undefined;
  /** Asks for the page holding `index` if it is not loaded or loading yet. */
  ensure(index: number): void;
}

/** One page request by offset; the server answers `{ items, total }` (keyset tables: use-cursor-rows.ts). */
export type FetchPage<T> = (offset: number, limit: number) => Promise<Result<{ items: T[]; total: number }>>;

/** Loads pages on demand as rows scroll into view; `reloadKey` changes drop every page (after an edit or a new filter). */
export function usePagedRows<T>(fetchPage: FetchPage<T>, reloadKey: unknown, pageSize = 100): PagedRows<T> {
  const [pages, setPages] = useState<ReadonlyMap<number, T[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const mine = generation.current;
      void fetchRef.current(page * pageSize, pageSize).then((result) => {
        if (mine !== generation.current) return;
        if (!result.ok) {
          setFailure(result.error);
          return;
        }
        setFailure(null);
        setTotal(result.value.total);
        setPages((old) => new Map(old).set(page, result.value.items));
      });
    },
    [pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    requested.current = new Set();
    setPages(new Map());
    setTotal(null);
    load(0);
  }, [reloadKey, load]);

  return {
    total,
    count: total ?? 0,
    failure,
    row: (index) => pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    ensure: (index) => load(Math.floor(index / pageSize)),
  };
}
