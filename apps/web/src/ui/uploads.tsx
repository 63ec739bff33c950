import { Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import type { UploadProgress } from '../api/upload.ts';
import { formatBytes } from './format.ts';

export interface UploadItem<T> {
  key: string;
  file: File;
  loaded: number;
  state: 'uploading' | 'done' | 'failed';
  result?: T;
  error?: string;
}

/** Files sent one request each, with their progress. */
export function useUploads<T>(send: (file: File, onProgress: (p: UploadProgress) => void) => Promise<T>, onDone?: (result: T) => void) {
  const { t } = useTranslation();
  const [items, setItems] = useState<UploadItem<T>[]>([]);
  const update = (key: string, patch: Partial<UploadItem<T>>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const add = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setItems((xs) => [...xs, { key, file, loaded: 0, state: 'uploading' }]);
      send(file, (p) => update(key, { loaded: p.loaded }))
        .then((result) => {
          update(key, { state: 'done', result, loaded: file.size });
          onDone?.(result);
        })
        .catch((err: unknown) => update(key, { state: 'failed', error: err instanceof ApiError ? t(`errors.${err.code}`, { defaultValue: err.message }) : t('common.failed') }));
    }
  };
  const remove = (key: string) => setItems((xs) => xs.filter((x) => x.key !== key));
  return { items, add, remove, busy: items.some((i) => i.state === 'uploading') };
}

/** The pick-files button and each file's progress bar, with its state in words too. */
export function UploadField<T>({ uploads, label, accept, onRemove }: { uploads: ReturnType<typeof useUploads<T>>; label: string; accept?: string; onRemove?: (item: UploadItem<T>) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <FileButton onChange={(files) => uploads.add(files)} multiple {...(accept ? { accept } : {})}>
        {(props) => (
          <Button {...props} variant="default" leftSection={<IconPaperclip size={16} aria-hidden />} w="fit-content" data-testid="upload-button">
            {label}
          </Button>
        )}
      </FileButton>
      {uploads.items.map((u) => {
        const pct = u.file.size ? Math.round((u.loaded / u.file.size) * 100) : 100;
        return (
          <Stack key={u.key} gap={2} data-upload-state={u.state}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" truncate="end">
                {u.file.name} ({formatBytes(u.file.size, i18n.language)})
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" c={u.state === 'failed' ? 'red.9' : undefined} role={u.state === 'failed' ? 'alert' : undefined}>
                  {u.state === 'uploading' ? t('upload.progress', { pct }) : u.state === 'done' ? t('upload.done') : `${t('upload.failed')}: ${u.error ?? ''}`}
                </Text>
                {onRemove && u.state !== 'uploading' && (
                  <Button size="compact-xs" variant="subtle" onClick={() => { onRemove(u); uploads.remove(u.key); }} aria-label={t('upload.remove', { name: u.file.name })}>
                    {t('upload.removeShort')}
                  </Button>
                )}
              </Group>
            </Group>
            <Progress value={pct} color={u.state === 'failed' ? 'red' : u.state === 'done' ? 'green' : 'civic'} aria-label={t('upload.progressOf', { name: u.file.name })} size="sm" />
          </Stack>
        );
      })}
    </Stack>
  );
}
