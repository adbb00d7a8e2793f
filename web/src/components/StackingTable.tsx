import type { ReactNode } from 'react';
import { Table, type TableProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** The width below which a row is shown as a card: Mantine's `xs` breakpoint, as styles.css uses. */
export const PHONE_QUERY = '(max-width: 36em)';

/**
 * A table that scrolls sideways when the screen is narrower than `minWidth`, except on a phone:
 * there each row becomes a card of lines, each cell under the label its `data-label` gives.
 */
export function StackingTable({ minWidth, children, ...table }: { minWidth: number; children: ReactNode } & Omit<TableProps, 'className'>) {
  const phone = useMediaQuery(PHONE_QUERY);
  if (phone) return <Table {...table} className="tessera-stacked">{children}</Table>;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>{children}</Table>
    </Table.ScrollContainer>
  );
}
