import { List, Text } from '@mantine/core';

// R28–R30, per product family: what "Apply migration" (or a renewal) will turn the licenses into.
const WHAT_CHANGES: Readonly<Record<string, string>> = {
  kse: 'Katalon Studio Enterprise floating and node-locked licenses become as many per-User licenses. They go first to users holding an offline floating license, then to the users last seen active, most recent first (R28).',
  kre: 'Katalon Runtime Engine node-locked and floating licenses become floating licenses; the counts add up, e.g. 2 node-locked + 3 floating → 5 floating (R29).',
};

/** The in-place explanation of what migration does, shown above the Migration tab's buttons. */
export function MigrationExplainer({ productId }: { productId: string }) {
  return (
    <div data-testid="migration-explainer">
      <Text size="sm">
        {WHAT_CHANGES[productId] ??
          'This product has no deprecated license types; migration leaves its licenses unchanged.'}
      </Text>
      <List size="sm" mt={4}>
        <List.Item>Preview shows who gets which license and why; it changes nothing.</List.Item>
        <List.Item>Apply converts the licenses now; it cannot be undone.</List.Item>
        <List.Item>
          At renewal the conversion happens automatically; monthly subscriptions renewed within the grace
          period, and annual or multi-year contracts until they end, keep their current types (R30).
        </List.Item>
      </List>
    </div>
  );
}
