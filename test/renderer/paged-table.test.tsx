import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, screen, waitFor } from '@testing-library/react';
import { PagedTable } from '../../src-renderer/lib/paged-table';
import { CursorTable } from '../../src-renderer/lib/cursor-table';
import { useCursorRows } from '../../src-renderer/lib/use-cursor-rows';
import { ok } from '../../shared/result';
import { renderUi } from './support/render';

afterEach(cleanup);

// 100,000 registered machines: rows are made per page, as the server pages them.
const TOTAL = 100_000;
const pageOf = (offset: number, limit: number) =>
  Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => ({
    id: `row-${offset + i}`,
  }));

describe('paged table', () => {
  it('asks the server for one page at a time and renders only the visible rows of a 100,000-row table', async () => {
    const fetchPage = vi.fn(async (offset: number, limit: number) =>
      ok({ items: pageOf(offset, limit), total: TOTAL }),
    );
    renderUi(
      <PagedTable
        label="Rows"
        fetchPage={fetchPage}
        reloadKey={1}
        rowKey={(r) => r.id}
        columns={[{ header: 'Id', cell: (r) => r.id }]}
      />,
    );
    expect(await screen.findByText('row-0')).toBeTruthy();
    expect(fetchPage).toHaveBeenCalledWith(0, 100);
    expect(screen.getAllByRole('row').length).toBeLessThan(60);
    expect(screen.getByRole('table', { name: 'Rows' }).getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
  });
});

describe('cursor rows (Registered Machines)', () => {
  // Each page ends with a cursor naming the next row; the fake server reads on from it.
  const fetchCursorPage = () =>
    vi.fn(async (limit: number, after?: string) => {
      const start = after === undefined ? 0 : Number(after.slice('at-'.length));
      const next = start + limit < TOTAL ? `at-${start + limit}` : null;
      return ok({ items: pageOf(start, limit), total: TOTAL, next });
    });

  it('R16 reads on after the cursor the previous page returned and never asks by offset, however far the scroll', async () => {
    const fetchPage = fetchCursorPage();
    const { result } = renderHook(() => useCursorRows(fetchPage, 1));
    await waitFor(() => expect(result.current.row(0)).toEqual({ id: 'row-0' }));
    expect(fetchPage).toHaveBeenCalledWith(100, undefined);
    expect(result.current.count).toBe(200);
    act(() => result.current.ensure(150));
    await waitFor(() => expect(result.current.row(150)).toEqual({ id: 'row-150' }));
    expect(fetchPage).toHaveBeenLastCalledWith(100, 'at-100');
    act(() => result.current.ensure(50_000));
    await waitFor(() => expect(result.current.row(200)).toEqual({ id: 'row-200' }));
    expect(fetchPage).toHaveBeenLastCalledWith(100, 'at-200');
    expect(fetchPage).toHaveBeenCalledTimes(3);
    expect(result.current.row(50_000)).toBeUndefined();
  });

  it('R16 renders only the visible rows of a 100,000-row keyset table and reports the full row count', async () => {
    const fetchPage = fetchCursorPage();
    renderUi(
      <CursorTable
        label="Machines"
        fetchPage={fetchPage}
        reloadKey={1}
        rowKey={(r) => r.id}
        columns={[{ header: 'Id', cell: (r) => r.id }]}
      />,
    );
    expect(await screen.findByText('row-0')).toBeTruthy();
    expect(screen.getAllByRole('row').length).toBeLessThan(60);
    expect(screen.getByRole('table', { name: 'Machines' }).getAttribute('aria-rowcount')).toBe(
      String(TOTAL + 1),
    );
  });

  it('says the table is empty when a jump lands past every row', async () => {
    renderUi(
      <CursorTable
        label="Machines"
        fetchPage={async () => ok({ items: [], total: TOTAL, next: null })}
        reloadKey={1}
        rowKey={(r: { id: string }) => r.id}
        empty="No machine was last seen on or before that day."
        columns={[{ header: 'Id', cell: (r) => r.id }]}
      />,
    );
    expect(await screen.findByText('No machine was last seen on or before that day.')).toBeTruthy();
  });
});
