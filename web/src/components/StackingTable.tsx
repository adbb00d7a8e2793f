import type { ReactNode } from 'react';
import { Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** The width below which a row is shown as a card: Mantine's `xs` breakpoint, as styles.css uses. */
export const PHONE_QUERY = '(max-width: 36em)';

/**
 * A table that scrolls sideways when the screen is narrower than `minWidth`, except on a phone:
 * there each row becomes a card of lines, each cell under the label its `data-label` gives.
 */
export function StackingTable({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  const phone = useMediaQuery(PHONE_QUERY);
  if (phone) return <Table className="tessera-stacked">{children}</Table>;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table>{children}</Table>
    </Table.ScrollContainer>
  );
}
