import { InboundMessage, InboundMessagePage, InboundMessageQuery } from '@loket/contract';
import { discardInboundMessage } from '../../services/mail/quarantine/discard-inbound-message.ts';
import { getInboundMessage } from '../../services/mail/quarantine/get-inbound-message.ts';
import { listInboundMessages } from '../../services/mail/quarantine/list-inbound-messages.ts';
import { openInboundRaw } from '../../services/mail/quarantine/open-inbound-raw.ts';
import { reprocessInboundMessage } from '../../services/mail/quarantine/reprocess-inbound-message.ts';
import { route } from '../route.ts';

export const inboundMessageRoutes = [
  route({
    method: 'GET',
    url: '/inbound-messages',
    summary: 'Received messages, newest first; `status=quarantined` is the quarantine',
    description:
      'Admins only. Every message received is stored raw before it is processed; those that could not be filed ' +
      '(unparseable, too large, failed) are `quarantined` with the reason, noise (bounces, auto-replies) is `ignored`.',
    tag: 'Mail',
    access: 'admin',
    query: InboundMessageQuery,
    response: InboundMessagePage,
    handler: ({ ctx, query }) => listInboundMessages({ ctx, query }),
  }),
  route({
    method: 'GET',
    url: '/inbound-messages/:id',
    summary: 'One received message: status, reason, and the ticket it was filed on',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'inboundMessage' },
    response: InboundMessage,
    handler: ({ ctx, params }) => getInboundMessage({ ctx, id: params.id! }),
  }),
  route({
    method: 'GET',
    url: '/inbound-messages/:id/raw',
    summary: 'Download a received message exactly as it arrived (message/rfc822)',
    description: 'Always a download (Content-Disposition: attachment) with `nosniff` and a sandboxing CSP.',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'inboundMessage' },
    download: true,
    handler: async ({ ctx, params, reply }) => {
      const file = await openInboundRaw({ ctx, id: params.id! });
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('Content-Length', file.sizeBytes)
        .header('Content-Disposition', `attachment; filename="${file.filename}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('Cache-Control', 'private, no-store')
        .send(file.body);
    },
  }),
  route({
    method: 'POST',
    url: '/inbound-messages/:id/reprocess',
    summary: 'Process a quarantined or ignored message again',
    description: 'Back to `received`, processed by a job. Any other status answers 409.',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'inboundMessage' },
    response: InboundMessage,
    handler: ({ ctx, params }) => reprocessInboundMessage({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/inbound-messages/:id/discard',
    summary: 'Discard a quarantined or ignored message: it will not be filed',
    description: 'The raw message stays downloadable. Any other status answers 409.',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'inboundMessage' },
    response: InboundMessage,
    handler: ({ ctx, params }) => discardInboundMessage({ ctx, id: params.id! }),
  }),
];
