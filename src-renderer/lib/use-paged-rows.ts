import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../shared/result';
import type { CallFailure } from '../agent';

/** Rows fetched from the server a page at a time (server-side paging for tables of any size). */
export interface PagedRows<T> {
  readonly total: number | null;
  readonly failure: CallFailure | null;
  row(index: number): T | undefined;
  /** Asks for the page holding `index` if it is not loaded or loading yet. */
  ensure(index: number): void;
}

/**
 * One page request; the server answers `{ items, total }`, and tables that page by keyset also `next`:
 * the following page is then asked for `after` it (offset 0), so scrolling deep stays as cheap as page 1.
 */
export type FetchPage<T> = (
  offset: number,
  limit: number,
  after?: string,
) => Promise<Result<{ items: T[]; total: number; next?: string | null | undefined }>>;

/** Loads pages on demand as rows scroll into view; `reloadKey` changes drop every page (after an edit or a new filter). */
export function usePagedRows<T>(fetchPage: FetchPage<T>, reloadKey: unknown, pageSize = 100): PagedRows<T> {
  const [pages, setPages] = useState<ReadonlyMap<number, T[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const requested = useRef(new Set<number>());
  const cursors = useRef(new Map<number, string>());
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const mine = generation.current;
      const after = cursors.current.get(page - 1);
      const request =
        after === undefined
          ? fetchRef.current(page * pageSize, pageSize)
          : fetchRef.current(0, pageSize, after);
      void request.then((result) => {
        if (mine !== generation.current) return;
        if (!result.ok) {
          setFailure(result.error);
          return;
        }
        setFailure(null);
        const next = result.value.next;
        if (typeof next === 'string') cursors.current.set(page, next);
        setTotal(result.value.total);
        setPages((old) => new Map(old).set(page, result.value.items));
      });
    },
    [pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    requested.current = new Set();
    cursors.current = new Map();
    setPages(new Map());
    setTotal(null);
    load(0);
  }, [reloadKey, load]);

  return {
    total,
    failure,
    row: (index) => pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    ensure: (index) => load(Math.floor(index / pageSize)),
  };
}
