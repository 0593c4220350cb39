import { useState } from 'react';
import { Select, Text } from '@mantine/core';
import { DEFAULT_CATALOG_INPUT } from '../../../shared/catalog/default-catalog-input';
import { TitledSection } from '../../lib/titled-section';
import { useMeStore } from '../account/me-store';
import { ProductActions } from './product-actions';

/**
 * Activates a product this machine holds no license for yet. The choices are the catalog's products (R4)
 * that the user's organizations subscribe to (`subscribedProducts` of /v1/me); a server that does not
 * say offers the whole catalog.
 */
export function ActivateProductCard({ present }: { present: readonly string[] }) {
  const subscribed = useMeStore((s) => s.me?.subscribedProducts);
  const choices = DEFAULT_CATALOG_INPUT.products.filter(
    (p) => !present.includes(p.id) && (subscribed === undefined || subscribed.includes(p.id)),
  );
  const [productId, setProductId] = useState<string | null>(null);
  const chosen = choices.find((p) => p.id === productId) ?? choices[0];
  if (!chosen) {
    if (subscribed === undefined || subscribed.length > 0) return null;
    return (
      <TitledSection card id="activate-product" title="Activate a product">
        <Text size="sm">
          None of your organizations subscribes to a product yet. Ask your organization Owner or Admin for a
          subscription, or import an offline license.
        </Text>
      </TitledSection>
    );
  }
  return (
    <TitledSection card id="activate-product" title="Activate a product">
      <Select
        label="Product"
        data={choices.map((p) => ({ value: p.id, label: p.name }))}
        value={chosen.id}
        onChange={setProductId}
        allowDeselect={false}
        w={360}
      />
      <ProductActions productId={chosen.id} productName={chosen.name} active={false} />
    </TitledSection>
  );
}
