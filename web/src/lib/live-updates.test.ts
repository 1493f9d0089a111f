import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTicketInvalidator } from './live-updates.ts';

const event = (ticketId: string, id = '1') => ({ id, ticketId, kind: 'replied', at: '2026-03-02T10:00:00Z' }) as never;

describe('createTicketInvalidator', () => {
  afterEach(() => vi.useRealTimers());

  it('refreshes the lists once for a burst, and each ticket named in it', async () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const onEvent = createTicketInvalidator(client);
    onEvent(event('a'));
    onEvent(event('b', '2'));
    onEvent(event('a', '3'));
    expect(invalidate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      ['tickets'],
      ['ticket', 'a'],
      ['ticket', 'b'],
    ]);
    onEvent(event('c', '4'));
    await vi.advanceTimersByTimeAsync(300);
    expect(invalidate).toHaveBeenCalledTimes(5);
  });
});
