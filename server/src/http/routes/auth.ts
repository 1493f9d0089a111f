import {
  ApiToken,
  CreateApiTokenInput,
  CreatedApiToken,
  LoginInput,
  LoginLinkInput,
  LoginLinkRequested,
  Me,
  RedeemLoginLinkInput,
  UpdateMeInput,
} from '@loket/contract';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens.ts';
import { logIn } from '../../services/auth/log-in.ts';
import { logOut } from '../../services/auth/log-out.ts';
import { redeemLoginLink } from '../../services/auth/redeem-login-link.ts';
import { requestLoginLink } from '../../services/auth/request-login-link.ts';
import { getMe, updateMe } from '../../services/auth/me.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
import { route } from '../route.ts';

function setSessionCookie(reply: FastifyReply, secure: boolean, session: { sessionToken: string; expiresAt: Date }) {
  reply.setCookie(SESSION_COOKIE, session.sessionToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: session.expiresAt,
  });
}

export const authRoutes = [
  route({
    method: 'POST',
    url: '/auth/login',
    summary: 'Log in with e-mail and password; sets the session cookie',
    tag: 'Auth',
    access: 'public',
    body: LoginInput,
    response: Me,
    handler: async ({ ctx, body, reply, request }) => {
      const session = await logIn({ ctx, input: body, clientIp: request.ip });
      setSessionCookie(reply, ctx.config.secureCookies, session);
      return session.me;
    },
  }),
  route({
    method: 'POST',
    url: '/auth/login-link',
    summary: 'Mail a one-time login link (customers)',
    description:
      'Answers 202 the same way whether or not the address belongs to an active customer. The link works once, ' +
      'for 15 minutes; it opens `PUBLIC_URL/login/link#token=…`, whose page redeems the token. Counted with the ' +
      'logins for the rate limit (429).',
    tag: 'Auth',
    access: 'public',
    body: LoginLinkInput,
    example: { email: 'jan@customer.example' },
    response: LoginLinkRequested,
    status: 202,
    handler: ({ ctx, body, request }) => requestLoginLink({ ctx, input: body, clientIp: request.ip }),
  }),
  route({
    method: 'POST',
    url: '/auth/login-link/redeem',
    summary: 'Log in with a mailed login link’s token; sets the session cookie',
    description: 'A wrong, used or expired token answers 401.',
    tag: 'Auth',
    access: 'public',
    body: RedeemLoginLinkInput,
    response: Me,
    handler: async ({ ctx, body, reply }) => {
      const session = await redeemLoginLink({ ctx, input: body });
      setSessionCookie(reply, ctx.config.secureCookies, session);
      return session.me;
    },
  }),
  route({
    method: 'POST',
    url: '/auth/logout',
    summary: 'Log out: revokes the session and clears the cookie',
    tag: 'Auth',
    access: 'public',
    status: 204,
    handler: async ({ ctx, request, reply }) => {
      await logOut({ ctx, sessionToken: request.cookies[SESSION_COOKIE] });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  }),
  route({
    method: 'GET',
    url: '/auth/me',
    summary: 'The logged-in person',
    tag: 'Auth',
    access: 'authenticated',
    response: Me,
    handler: ({ ctx }) => getMe({ ctx }),
  }),
  route({
    method: 'PATCH',
    url: '/auth/me',
    summary: 'Change your own name, language or password',
    tag: 'Auth',
    access: 'authenticated',
    body: UpdateMeInput,
    response: Me,
    handler: ({ ctx, body }) => updateMe({ ctx, input: body }),
  }),
  route({
    method: 'GET',
    url: '/auth/tokens',
    summary: 'Your API tokens (never their secrets)',
    tag: 'Auth',
    access: 'authenticated',
    response: z.object({ items: z.array(ApiToken) }),
    handler: ({ ctx }) => listApiTokens({ ctx }),
  }),
  route({
    method: 'POST',
    url: '/auth/tokens',
    summary: 'Create an API token for yourself; the secret is shown once',
    description: 'Use it as `Authorization: Bearer <token>`. Only its hash is stored.',
    tag: 'Auth',
    access: 'authenticated',
    body: CreateApiTokenInput,
    response: CreatedApiToken,
    status: 201,
    handler: ({ ctx, body }) => createApiToken({ ctx, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/auth/tokens/:id',
    summary: 'Revoke one of your API tokens',
    tag: 'Auth',
    access: 'authenticated',
    params: { id: 'apiToken' },
    status: 204,
    handler: ({ ctx, params }) => revokeApiToken({ ctx, id: params.id! }),
  }),
];
