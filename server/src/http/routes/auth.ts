import { ApiToken, CreateApiTokenInput, CreatedApiToken, LoginInput, Me, UpdateMeInput } from '@loket/contract';
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens.ts';
import { logIn } from '../../services/auth/log-in.ts';
import { logOut } from '../../services/auth/log-out.ts';
import { getMe, updateMe } from '../../services/auth/me.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
import { route } from '../route.ts';

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
      reply.setCookie(SESSION_COOKIE, session.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        expires: session.expiresAt,
      });
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
