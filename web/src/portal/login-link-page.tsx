import { Alert, Anchor, Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../lib/api-client.ts';
import { ME_KEY, homePath } from '../lib/session.tsx';
import { LanguageSwitcher } from '../ui/language-switcher.tsx';
import { useErrorMessage } from '../ui/query-error.tsx';
import { portalApi } from './portal-api.ts';

/** The token of a mailed login link: `#token=…` (a fragment, so it never reaches a server log or a Referer). */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length <= 200 ? token : null;
}

/**
 * `/login/link#token=…`, the page a login link opens: takes the token from the fragment and forgets it from the address
 * bar, then redeems it (POST /auth/login-link/redeem) only when the person presses "Log in", and goes to their start
 * page; a used or expired link says so. Not on load: mail scanners that open links and run their scripts would spend
 * the link before its owner does.
 */
export function LoginLinkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const token = useRef(tokenFromHash(window.location.hash));
  const redeem = useMutation({
    mutationFn: portalApi.redeemLoginLink,
    onSuccess: (me) => {
      queryClient.setQueryData(ME_KEY, me);
      void navigate(homePath(me), { replace: true });
    },
  });
  useEffect(() => {
    // The token is kept in the ref; the address bar (history, a shared screen) forgets it.
    if (token.current && window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  const logIn = () => {
    // Once: a second redeem of the same token would fail.
    if (!token.current || redeem.isPending || redeem.isSuccess) return;
    redeem.mutate(token.current);
  };

  const failure = !token.current
    ? t('portal.login.missing')
    : redeem.error
      ? redeem.error instanceof ApiError && (redeem.error.code === 'unauthenticated' || redeem.error.code === 'invalid')
        ? t('portal.login.invalid')
        : redeem.error instanceof ApiError && redeem.error.code === 'rate_limited'
          ? t('auth.rateLimited')
          : errorMessage(redeem.error)
      : null;

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={440}>
        <Stack>
          <Stack gap="xs" align="flex-end">
            <LanguageSwitcher />
          </Stack>
          <Title order={1} size="h3">
            {failure
              ? t('portal.login.failedTitle')
              : redeem.isIdle
                ? t('portal.login.confirmTitle')
                : t('portal.login.pageTitle')}
          </Title>
          {failure ? (
            <>
              <Alert color="red" role="alert">
                {failure}
              </Alert>
              <Anchor component={Link} to="/login">
                {t('portal.login.backToLogin')}
              </Anchor>
            </>
          ) : redeem.isIdle ? (
            <>
              <Text>{t('portal.login.confirmIntro')}</Text>
              <Button onClick={logIn} fullWidth>
                {t('portal.login.confirmButton')}
              </Button>
            </>
          ) : (
            <Stack align="center" gap="sm" role="status">
              <Loader aria-hidden="true" />
              <Text>{t('portal.login.working')}</Text>
            </Stack>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
