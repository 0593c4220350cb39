import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, screen, waitFor } from '@testing-library/react';
import { PagedTable } from '../../src-renderer/lib/paged-table';
import { usePagedRows } from '../../src-renderer/lib/use-paged-rows';
import { ok } from '../../shared/result';
import { renderUi } from './support/render';

afterEach(cleanup);

// 100,000 registered machines (issue 5): rows are made per page, as the server pages them.
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

describe('paged rows by keyset', () => {
  it('asks for the next page after the cursor the previous page returned, and by offset after a jump', async () => {
    const fetchPage = vi.fn(async (offset: number, limit: number, after?: string) => {
      const start = after === undefined ? offset : Number(after.slice('at-'.length)) + offset;
      return ok({ items: pageOf(start, limit), total: TOTAL, next: `at-${start + limit}` });
    });
    const { result } = renderHook(() => usePagedRows(fetchPage, 1));
    await waitFor(() => expect(result.current.row(0)).toEqual({ id: 'row-0' }));
    act(() => result.current.ensure(150));
    await waitFor(() => expect(result.current.row(150)).toEqual({ id: 'row-150' }));
    expect(fetchPage).toHaveBeenLastCalledWith(0, 100, 'at-100');
    act(() => result.current.ensure(50_000));
    await waitFor(() => expect(result.current.row(50_000)).toEqual({ id: 'row-50000' }));
    expect(fetchPage).toHaveBeenLastCalledWith(50_000, 100);
  });
});
