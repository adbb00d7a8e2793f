import { useQuery } from '@tanstack/react-query';
import { Group, Image, Text } from '@mantine/core';
import { brandingQuery } from '../api/branding.ts';
import { useAccentColor } from '../lib/accent-color.ts';

type Props = { org?: string; showName?: boolean };

/**
 * The organization's logo (and name) where one is set; nothing otherwise. Where it is shown (the
 * sign-in pages, the portals' header) the page also wears the organization's accent colour.
 */
export function BrandMark({ org, showName = true }: Props) {
  const branding = useQuery(brandingQuery(org));
  useAccentColor(branding.data?.accentColor);
  if (!branding.data?.name) return null;
  return (
    <Group gap="xs" justify="center" wrap="nowrap">
      {branding.data.logo && <Image src={branding.data.logo} alt={branding.data.name} h={32} w="auto" fit="contain" />}
      {showName && <Text fw={600} data-testid="brand-name">{branding.data.name}</Text>}
    </Group>
  );
}
