import { useState, type ReactNode } from 'react';
import { CloseButton, Group, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';

/** What a server-searched table needs: the text as typed, and the trimmed query to send once typing pauses. */
export interface SearchQuery {
  readonly text: string;
  readonly setText: (text: string) => void;
  /** Trimmed and debounced; '' means "no filter". */
  readonly query: string;
}

/** The one search state of a paged admin table, so every table asks the server once per pause in typing. */
export function useSearchQuery(delayMs = 300): SearchQuery {
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), delayMs);
  return { text, setText, query };
}

/** The request field for `query`: absent when empty, so the server never filters by ''. */
export const queryField = (query: string): { query?: string } => (query ? { query } : {});

/**
 * The toolbar above the members, live sessions and machines tables: a labelled search box (Escape or the
 * clear button empties it) and the section's own controls beside it.
 */
export function SearchToolbar(props: { label: string; search: SearchQuery; children?: ReactNode }) {
  const { label, search, children } = props;
  return (
    <Group align="end">
      <TextInput
        label={label}
        value={search.text}
        onChange={(e) => search.setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search.text !== '') {
            e.preventDefault();
            search.setText('');
          }
        }}
        rightSection={
          search.text !== '' ? (
            <CloseButton size="sm" aria-label={`Clear: ${label}`} onClick={() => search.setText('')} />
          ) : null
        }
        w={320}
      />
      {children}
    </Group>
  );
}
