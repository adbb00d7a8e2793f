import type { ReactNode } from 'react';
import { Card, Stack, Title } from '@mantine/core';

/** A titled card of one page: the landmark screen readers list, named by its heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack>
        <Title order={2} size="h4" id={id}>{title}</Title>
        {children}
      </Stack>
    </Card>
  );
}
