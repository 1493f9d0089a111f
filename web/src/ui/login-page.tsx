import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../lib/api-client.ts';
import { homePath, safeNext, useLogin, useMe } from '../lib/session.tsx';
import { LoginLinkRequest } from '../portal/login-link-request.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { PageLoader } from './page-loader.tsx';
import { useErrorMessage } from './query-error.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  if (isPending) return <PageLoader />;
  if (me && !login.isPending) return <Navigate to={next ?? homePath(me)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: (person) => void navigate(next ?? homePath(person), { replace: true }) },
    );
  };
  const failure = login.error
    ? login.error instanceof ApiError && (login.error.code === 'unauthenticated' || login.error.code === 'invalid')
      ? t('auth.failed')
      : login.error instanceof ApiError && login.error.code === 'rate_limited'
        ? t('auth.rateLimited')
        : errorMessage(login.error)
    : null;

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="center">
              <Title order={1} size="h3">
                {t('auth.title')}
              </Title>
              <LanguageSwitcher />
            </Group>
            {failure && (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={login.isPending}>
              {t('auth.submit')}
            </Button>
          </Stack>
        </form>
        {/* Customers may log in with a one-time link by e-mail instead (the portal's). */}
        <Stack mt="lg">
          <LoginLinkRequest />
        </Stack>
      </Paper>
    </Center>
  );
}
