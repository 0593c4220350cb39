import { useState } from 'react';
import { Select } from '@mantine/core';
import { DEFAULT_CATALOG_INPUT } from '../../../shared/catalog/default-catalog-input';
import { TitledSection } from '../../lib/titled-section';
import { ProductActions } from './product-actions';

/** Activates a product this machine holds no license for yet; the choices come from the shared catalog (R4). */
export function ActivateProductCard({ present }: { present: readonly string[] }) {
  const choices = DEFAULT_CATALOG_INPUT.products.filter((p) => !present.includes(p.id));
  const [productId, setProductId] = useState<string | null>(null);
  const chosen = choices.find((p) => p.id === productId) ?? choices[0];
  if (!chosen) return null;
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
