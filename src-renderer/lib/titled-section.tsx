import type { ReactNode } from 'react';
import { Card, Stack, Title } from '@mantine/core';

/** A landmark section named by its heading, so screen readers can jump between sections; `card` draws a border. */
export function TitledSection(props: { id: string; title: string; card?: boolean; children: ReactNode }) {
  const { id, title, card = false, children } = props;
  const body = (
    <Stack gap="sm">
      <Title order={card ? 3 : 4} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
  return card ? (
    <Card withBorder component="section" aria-labelledby={id}>
      {body}
    </Card>
  ) : (
    <section aria-labelledby={id}>{body}</section>
  );
}
