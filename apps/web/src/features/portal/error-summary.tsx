import { Alert, Anchor, List } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The form's problems listed at the top, each a link to its field; takes focus when it appears. */
export function ErrorSummary({ errors }: { errors: { id: string; label: string; message: string }[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" title={t('portal.errorsTitle', { count: errors.length })} role="alert" data-testid="error-summary">
      <List size="sm">
        {errors.map((e) => (
          <List.Item key={e.id}>
            <Anchor href={`#${e.id}`} onClick={(ev) => {
              ev.preventDefault();
              document.getElementById(e.id)?.focus();
            }}>
              {e.label}: {e.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
