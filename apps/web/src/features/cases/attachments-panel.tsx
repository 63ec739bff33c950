import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { Attachment } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { consoleApi } from '../../api/console.ts';
import { formatBytes, formatDateTime } from '../../ui/format.ts';
import { UploadField, useUploads } from '../../ui/uploads.tsx';

export function AttachmentsPanel({ caseId, attachments, canUpload, onUploaded }: {
  caseId: string;
  attachments: z.infer<typeof Attachment>[];
  canUpload: boolean;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const uploads = useUploads((file, onProgress) => consoleApi.uploadAttachment(caseId, file, onProgress), onUploaded);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attachments-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="attachments-title">
          {t('case.attachments')}
        </Title>
        {attachments.length === 0 && <Text size="sm">{t('case.noAttachments')}</Text>}
        {attachments.map((a) => (
          <Text key={a.id} size="sm" data-attachment={a.fileName}>
            <Anchor href={consoleApi.attachmentUrl(caseId, a.id)} download={a.fileName}>
              {a.fileName}
            </Anchor>{' '}
            · {formatBytes(a.sizeBytes, i18n.language)} · {formatDateTime(a.createdAt, i18n.language)}
          </Text>
        ))}
        {canUpload && <UploadField uploads={uploads} label={t('case.upload')} />}
      </Stack>
    </Paper>
  );
}
