import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { PagedTable } from '../../src-renderer/lib/paged-table';
import { ok } from '../../shared/result';
import { renderUi } from './support/render';

afterEach(cleanup);

const rows = Array.from({ length: 1000 }, (_, i) => ({ id: `row-${i}` }));

describe('paged table', () => {
  it('asks the server for one page at a time and renders only the visible rows of a large table', async () => {
    const fetchPage = vi.fn(async (offset: number, limit: number) =>
      ok({ items: rows.slice(offset, offset + limit), total: rows.length }),
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
    expect(screen.getByRole('table', { name: 'Rows' }).getAttribute('aria-rowcount')).toBe('1001');
  });
});
