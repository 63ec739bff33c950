import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.ts';

/** Runs an admin write: field errors by path on 422, a notice either way, caches refreshed. */
export function useSave(invalidate: string[]) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await write();
      setErrors({});
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('admin.saved') });
      for (const k of invalidate) await client.invalidateQueries({ queryKey: [k] });
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        // Field problems in the reader's language where their kind is known; the server's words otherwise.
        const text = (e: (typeof err.fieldErrors)[number]) =>
          e.code ? t(`fieldCodes.${e.code}`, { defaultValue: e.message }) : err.code !== 'request.validation_failed' ? t(`errors.${err.code}`, { defaultValue: e.message }) : e.message;
        setErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.path, text(e)])));
        notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'red', message: t(`errors.${err.code}`, { defaultValue: err.message }) });
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, errors, busy, setErrors };
}
