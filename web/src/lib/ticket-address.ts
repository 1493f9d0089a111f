import { TicketId } from '@loket/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api-client.ts';

/**
 * The id of the ticket an address names. Addresses name a ticket by id (the lists' links) or by reference (every
 * mail's link), but the cache, the pages' actions and the live updates all key a ticket by its id: a reference is
 * looked up once, the ticket it finds put in the cache under its id. Undefined while the lookup runs; when it fails,
 * the address as given, so that the page asks for it itself and shows why.
 */
export function useTicketIdOf(idOrReference: string): string | undefined {
  const queryClient = useQueryClient();
  const isId = TicketId.safeParse(idOrReference).success;
  const lookup = useQuery({
    queryKey: ['ticket-reference', idOrReference],
    queryFn: async () => {
      const ticket = await api.getTicket(idOrReference);
      queryClient.setQueryData(['ticket', ticket.id], ticket);
      return ticket.id;
    },
    enabled: !isId,
    // A reference names one ticket for good.
    staleTime: Infinity,
    retry: false,
  });
  if (isId) return idOrReference;
  return lookup.data ?? (lookup.isError ? idOrReference : undefined);
}
