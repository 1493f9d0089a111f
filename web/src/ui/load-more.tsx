import { Button, Group, Text } from '@mantine/core';

/**
 * Under a paged list: how many are shown (announced politely as it grows) and, while there are more pages, a button
 * that loads the next one.
 */
export function LoadMore({
  shown,
  label,
  query,
}: {
  shown: string;
  label: string;
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="gray.7" aria-live="polite">
        {shown}
      </Text>
      {query.hasNextPage && (
        <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {label}
        </Button>
      )}
    </Group>
  );
}
