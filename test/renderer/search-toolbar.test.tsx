import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { queryField, SearchToolbar, useSearchQuery } from '../../src-renderer/lib/search-toolbar';
import { renderUi } from './support/render';

afterEach(cleanup);

/** A table's toolbar as the admin sections use it, showing the query it would send. */
function Harness({ withExtra = false }: { withExtra?: boolean }) {
  const search = useSearchQuery(10);
  return (
    <>
      <SearchToolbar label="Search by name or e-mail" search={search}>
        {withExtra && <button type="button">Newest first</button>}
      </SearchToolbar>
      <output aria-label="Sent query">{JSON.stringify(queryField(search.query))}</output>
    </>
  );
}

const box = () => screen.getByLabelText('Search by name or e-mail') as HTMLInputElement;
const sent = () => screen.getByLabelText('Sent query').textContent;

describe('SearchToolbar', () => {
  it('sends the trimmed text once typing pauses, and no query field while empty', async () => {
    renderUi(<Harness />);
    expect(sent()).toBe('{}');
    fireEvent.change(box(), { target: { value: '  grace hop ' } });
    expect(box().value).toBe('  grace hop ');
    await waitFor(() => expect(sent()).toBe('{"query":"grace hop"}'));
  });

  it('sends no query for blanks only', async () => {
    renderUi(<Harness />);
    fireEvent.change(box(), { target: { value: 'x' } });
    await waitFor(() => expect(sent()).toBe('{"query":"x"}'));
    fireEvent.change(box(), { target: { value: '   ' } });
    await waitFor(() => expect(sent()).toBe('{}'));
  });

  it('Escape empties the search from the keyboard', async () => {
    renderUi(<Harness />);
    fireEvent.change(box(), { target: { value: 'bob' } });
    await waitFor(() => expect(sent()).toBe('{"query":"bob"}'));
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(box().value).toBe('');
    await waitFor(() => expect(sent()).toBe('{}'));
  });

  it('offers a named clear button only while there is text', async () => {
    renderUi(<Harness />);
    expect(screen.queryByRole('button', { name: 'Clear: Search by name or e-mail' })).toBeNull();
    fireEvent.change(box(), { target: { value: 'ada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear: Search by name or e-mail' }));
    expect(box().value).toBe('');
    expect(screen.queryByRole('button', { name: 'Clear: Search by name or e-mail' })).toBeNull();
  });

  it("keeps the section's own controls beside the search box", () => {
    renderUi(<Harness withExtra />);
    const extra = screen.getByRole('button', { name: 'Newest first' });
    expect(extra.parentElement?.contains(box())).toBe(true);
  });
});
