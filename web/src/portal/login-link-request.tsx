import { Alert, Anchor, Button, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client.ts';
import { useErrorMessage } from '../ui/query-error.tsx';
import { portalApi } from './portal-api.ts';

/**
 * On the login page, for customers: a one-time login link by e-mail instead of a password. The server answers the
 * same whether or not the address is known, and so does this form.
 */
export function LoginLinkRequest() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: (address: string) => portalApi.requestLoginLink(address) });

  if (!open) {
    return (
      <Anchor component="button" type="button" size="sm" onClick={() => setOpen(true)}>
        {t('portal.login.linkToggle')}
      </Anchor>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) request.mutate(email.trim());
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="login-link-title">
      <Stack gap="sm">
        <Title order={2} size="h5" id="login-link-title">
          {t('portal.login.linkTitle')}
        </Title>
        {request.isSuccess ? (
          <Alert color="teal" role="status">
            {t('portal.login.linkSent')}
          </Alert>
        ) : (
          <>
            {request.isError && (
              <Alert color="red" role="alert">
                {request.error instanceof ApiError && request.error.code === 'rate_limited'
                  ? t('auth.rateLimited')
                  : errorMessage(request.error)}
              </Alert>
            )}
            <TextInput
              label={t('portal.login.linkEmail')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <Button type="submit" variant="light" loading={request.isPending}>
              {t('portal.login.linkSubmit')}
            </Button>
          </>
        )}
        <Anchor component="button" type="button" size="sm" onClick={() => setOpen(false)}>
          {t('portal.login.passwordInstead')}
        </Anchor>
      </Stack>
    </form>
  );
}
