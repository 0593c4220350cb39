import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useAdminStore } from '../admin-store';
import { PICKER_MATCHES, useMemberSearch, type MemberMatch } from './use-member-search';

/**
 * How a member reads in a picker: name and e-mail, so two people of the same name can be told apart,
 * and the organization they belong to when the search spans sub-organizations (R13).
 */
export const memberLabel = (m: Pick<MemberMatch, 'name' | 'email' | 'organization'>): string =>
  m.organization ? `${m.name} <${m.email}> · ${m.organization.name}` : `${m.name} <${m.email}>`;

/**
 * Picks one member by typing part of their name or e-mail: the server searches (R15), `accept` narrows
 * the matches (e.g. only members without a license of the product). Answers the picked user id.
 */
export function MemberPicker(props: {
  orgId: string;
  label: string;
  placeholder?: string;
  value: string | null;
  onChange: (userId: string | null) => void;
  accept?: (member: MemberMatch) => boolean;
  w?: number;
}) {
  const { orgId, label, placeholder = 'Type a name or e-mail', value, onChange, accept, w = 320 } = props;
  const version = useAdminStore((s) => s.version);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<MemberMatch | null>(null);
  // Once a member is picked the box shows their label; that is not a search for a new one.
  const typed = picked && search === memberLabel(picked) ? '' : search;
  const { matches, total, failure } = useMemberSearch(orgId, typed, version);
  const data = useMemo(() => {
    const shown = accept ? matches.filter(accept) : matches;
    const kept = picked && picked.userId === value && !shown.some((m) => m.userId === value);
    return [...(kept ? [picked] : []), ...shown].map((m) => ({ value: m.userId, label: memberLabel(m) }));
  }, [matches, accept, picked, value]);
  const more = total > PICKER_MATCHES;
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value}
      onChange={(userId) => {
        setPicked(matches.find((m) => m.userId === userId) ?? null);
        onChange(userId);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched; the picker must not filter its answer a second time.
      filter={({ options }) => options}
      nothingFoundMessage={failure ? failure.message : 'No member matches.'}
      description={more ? `${total} members match; type more to narrow the list.` : undefined}
      clearable
      w={w}
    />
  );
}
