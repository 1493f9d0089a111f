import { Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PageLoader } from './page-loader.tsx';
import { QueryError } from './query-error.tsx';

/**
 * What a page shows for one query: a loader while it is pending, the error with a retry when it failed, `empty`
 * (a line of text) when `isEmpty` says there is nothing — by default, when the data is a list page (`items`) without
 * items — else `children` with the data.
 */
export function QueryState<T>({
  query,
  children,
  empty,
  isEmpty = isEmptyList,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (empty !== undefined && isEmpty?.(query.data)) return typeof empty === 'string' ? <Text>{empty}</Text> : empty;
  return <>{children(query.data)}</>;
}

/** A list response (`{ items: [...] }`) with nothing in it. */
function isEmptyList(data: unknown): boolean {
  const items = data !== null && typeof data === 'object' ? (data as { items?: unknown }).items : undefined;
  return Array.isArray(items) && items.length === 0;
}
