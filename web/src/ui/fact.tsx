import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One term and its value in a description list (`<dl>`) of a ticket's facts. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="gray.7" fw={500}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}
