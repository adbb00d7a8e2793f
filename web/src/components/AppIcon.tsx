import { Avatar, type AvatarProps } from '@mantine/core';
import { appInitials } from '../lib/app-initials.ts';

type Props = { name: string; icon: string | null | undefined; alt?: string } & Pick<AvatarProps, 'size' | 'radius'>;

/**
 * An application's icon wherever it is shown (tile, consent, admin list, its settings' preview): the
 * image scaled to fit, not cropped (a wide wordmark stays whole), or without one its initials.
 */
export function AppIcon({ name, icon, alt = '', size, radius = 'md' }: Props) {
  return (
    <Avatar src={icon ?? undefined} alt={alt} size={size} radius={radius} aria-hidden={alt ? undefined : true} styles={{ image: { objectFit: 'contain' } }}>
      {appInitials(name)}
    </Avatar>
  );
}
