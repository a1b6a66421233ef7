import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

/** A state in words on a colour (theme.css `.kabinet-status[data-tone]`, contrast-checked): the words carry it. */
export function ToneBadge({
  tone,
  size = 'sm',
  children,
}: {
  tone: string;
  size?: 'sm' | 'md' | 'lg';
  children: ReactNode;
}) {
  return (
    <Badge variant="light" size={size} radius="sm" className="kabinet-status" data-tone={tone}>
      {children}
    </Badge>
  );
}
