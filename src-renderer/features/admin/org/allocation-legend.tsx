import { Text } from '@mantine/core';

/** What each column of the organization table means (R13, R14), in the words of the seeds. */
export const ALLOCATION_TERMS: readonly (readonly [term: string, meaning: string])[] = [
  [
    'Dedicated',
    'Licenses reserved for this organization alone; it may pass some on to its sub-organizations.',
  ],
  [
    'Pool',
    'Dedicated minus what is dedicated to its direct sub-organizations: what its own members draw from.',
  ],
  ['Assigned', 'Licenses in use by this organization’s members (users, machines and sessions).'],
  ['Available', 'What is left to assign: Pool minus Assigned.'],
];

/** The short in-place explanation above the organization table, so the numbers need no manual. */
export function AllocationLegend() {
  return (
    <dl
      data-testid="allocation-legend"
      style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: 0 }}
    >
      {ALLOCATION_TERMS.map(([term, meaning]) => (
        <div key={term} style={{ display: 'contents' }}>
          <Text component="dt" size="sm" fw={600}>
            {term}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {meaning}
          </Text>
        </div>
      ))}
    </dl>
  );
}
