import type { ReactNode } from 'react';
import { Anchor, Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { BrandMark } from './BrandMark.tsx';

type Props = { title: string; subtitle?: string; children: ReactNode; corner?: { to: string; label: string } };

/** The frame of every sign-in page: a link in the top-left corner, a centred card, languages on top. */
export function AuthCard({ title, subtitle, children, corner }: Props) {
  useDocumentTitle(`${title} · Tessera`);
  return (
    <Box mih="100vh" bg="gray.0" p="md">
      <Group justify="space-between" mb="xl">
        {corner ? (
          <Anchor component={Link} to={corner.to} size="sm">
            {corner.label}
          </Anchor>
        ) : (
          <span />
        )}
        <LanguageSwitcher />
      </Group>
      <Center>
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420} component="main">
          <Stack gap="md">
            <BrandMark org={new URLSearchParams(window.location.search).get('org') ?? undefined} />
            <Stack gap={4}>
              <Title order={1} size="h2" ta="center">
                {title}
              </Title>
              {subtitle && (
                <Text ta="center" c="dimmed">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
