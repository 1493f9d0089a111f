import { Attachment } from '@loket/contract';
import { openAttachment } from '../../services/attachments/open-attachment.ts';
import { uploadAttachment } from '../../services/attachments/upload-attachment.ts';
import { route } from '../route.ts';

export const attachmentRoutes = [
  route({
    method: 'POST',
    url: '/attachments',
    summary: 'Upload a file, to attach to a reply, note or new ticket by its id',
    description:
      'multipart/form-data with one `file` field. Larger than the configured limit answers 413. The upload is ' +
      'yours alone until a reply, note or ticket names it in `attachmentIds`; unused uploads are removed after a day.',
    tag: 'Attachments',
    access: 'authenticated',
    upload: true,
    response: Attachment,
    status: 201,
    handler: ({ ctx, request }) =>
      uploadAttachment({
        ctx,
        read: async () => {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) return undefined;
          return {
            field: file.fieldname,
            filename: file.filename,
            contentType: file.mimetype,
            bytes: await file.toBuffer(),
          };
        },
      }),
  }),
  route({
    method: 'GET',
    url: '/attachments/:id',
    summary: 'Download an attachment',
    description:
      'Always served as a download (Content-Disposition: attachment) with `nosniff` and a sandboxing CSP. ' +
      'Visible to whoever may see the article it belongs to; customers never see an internal note’s.',
    tag: 'Attachments',
    access: 'authenticated',
    params: { id: 'attachment' },
    download: true,
    handler: async ({ ctx, params, reply }) => {
      const file = await openAttachment({ ctx, id: params.id! });
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Length', file.sizeBytes)
        .header('Content-Disposition', file.contentDisposition)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('Cache-Control', 'private, no-store')
        .send(file.body);
    },
  }),
];
