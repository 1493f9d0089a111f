import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client.ts';
import { useErrorMessage } from '../ui/query-error.tsx';

/**
 * The API's message for one field: the issue whose path is the field or ends with it (`definition.weekly.mon.0`
 * matches `weekly.mon.0`), so a form can show the server's validation next to the input it concerns.
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.issues.find(
    (i) => i.path === field || i.path.endsWith(`.${field}`) || i.path.startsWith(`${field}.`),
  );
  return issue?.message;
}

/** A failed save: the translated reason, and every problem the API listed with its path. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Alert color="red" title={t('admin.form.saveFailed')} role="alert">
      <Text size="sm">{message(error)}</Text>
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((issue) => (
            <List.Item key={`${issue.path}:${issue.message}`}>
              {issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
