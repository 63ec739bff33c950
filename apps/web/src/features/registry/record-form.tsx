import { Button, FileButton, Group, List, NativeSelect, NumberInput, Paper, Progress, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { DELIVERY_METHODS, type Category, type RecordedDocument } from '@civicline/contracts';
import { IconPaperclip } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { ApiError } from '../../api/http.ts';
import { CustomFieldsForm } from '../../ui/custom-fields/custom-fields-form.tsx';
import { checkFields, cleanFieldValues, serverFieldErrors } from '../../ui/custom-fields/validate.ts';
import { formatBytes } from '../../ui/format.ts';
import { pickText } from '../../ui/localized.ts';
import { EMPTY_SENDER, SenderFields, senderFields, type SenderChoice } from './sender-fields.tsx';

const SCAN_TYPES = 'application/pdf,image/jpeg,image/png,image/tiff';
const today = () => new Date().toLocaleDateString('sv-SE');
const newKey = () => `reg-${crypto.randomUUID()}`;

/**
 * The registrar's form for one paper document: who sent it, how it came, its scans and pages,
 * what it is about. Sent as one multipart request with its upload progress; a retry after a lost
 * answer carries the same idempotency key, so the document is never recorded twice.
 */
export function RecordForm({ categories, onRecorded }: { categories: Category[]; onRecorded: (r: RecordedDocument) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [sender, setSender] = useState<SenderChoice>({ mode: 'new', sender: EMPTY_SENDER });
  const [delivery, setDelivery] = useState<string>('post');
  const [receivedOn, setReceivedOn] = useState(today());
  const [pages, setPages] = useState<number | ''>(1);
  const [categoryId, setCategoryId] = useState('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [senderReference, setSenderReference] = useState('');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const key = useRef(newKey());
  const category = categories.find((c) => c.id === categoryId);
  const fields = category?.fields ?? [];
  const total = files.reduce((n, f) => n + f.size, 0);

  const submit = async () => {
    const own = cleanFieldValues(Object.fromEntries(Object.entries(values).filter(([k]) => fields.some((f) => f.key === k))));
    const problems: Record<string, string> = checkFields(t, fields, own, { requireAll: true, skipFiles: true });
    if (!categoryId) problems.categoryId = t('validation.required');
    if (subject.trim().length < 3) problems.subject = t('validation.minLength', { min: 3 });
    if (files.length === 0) problems.files = t('registry.scanRequired');
    if (sender.mode === 'known' && !sender.citizen) problems['sender.citizenId'] = t('registry.chooseSender');
    if (sender.mode === 'new') {
      // The server's rules for a new sender, said in the registrar's language before sending.
      const s = sender.sender;
      if (s.kind === 'person' && !s.lastName.trim()) problems['sender.lastName'] = t('validation.required');
      if (s.kind === 'organisation' && !s.organisationName.trim()) problems['sender.organisationName'] = t('validation.required');
      if (!s.line.trim()) problems['sender.address'] = t('validation.required');
      if (s.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.email.trim())) problems['sender.email'] = t('validation.email');
    }
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) return setFailure(t('registry.fix'));

    const form = new FormData();
    const text: [string, string][] = [
      ['categoryId', categoryId],
      ['delivery', delivery],
      ['receivedOn', receivedOn],
      ['pages', String(pages)],
      ['subject', subject.trim()],
      ['description', description.trim()],
      ['senderReference', senderReference.trim()],
      ['customFields', JSON.stringify(own)],
      ...senderFields(sender),
    ];
    for (const [k, v] of text) if (v !== '') form.append(k, v);
    for (const f of files) form.append('files', f, f.name);
    setProgress(0);
    try {
      const recorded = await channelsApi.recordDocument(form, { total, idempotencyKey: key.current, onProgress: (p) => setProgress(p.total ? Math.round((p.loaded / p.total) * 100) : 100) });
      key.current = newKey();
      onRecorded(recorded);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // A refused form changed nothing: the next try is a new document, with a new key.
      if (err.status >= 400 && err.status < 500) key.current = newKey();
      setErrors({ ...serverFieldErrors(err.fieldErrors), ...Object.fromEntries(err.fieldErrors.map((e) => [e.path.replace(/^files\.\d+$/, 'files'), e.message])) });
      setFailure(t(`errors.${err.code}`, { defaultValue: err.message }));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Paper withBorder p="md" component="form" aria-labelledby="record-title" noValidate onSubmit={(e) => {
      e.preventDefault();
      void submit();
    }}>
      <Stack gap="md">
        <Title order={2} size="h4" id="record-title">
          {t('registry.formTitle')}
        </Title>
        <SenderFields value={sender} onChange={setSender} errors={errors} />
        <Radio.Group label={t('registry.delivery')} value={delivery} onChange={setDelivery} error={errors.delivery} required>
          <Group mt={4} gap="md">
            {DELIVERY_METHODS.map((d) => (
              <Radio key={d} value={d} label={t(`registry.deliveryMethod.${d}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Group grow align="flex-start">
          <TextInput id="doc-receivedOn" type="date" label={t('registry.receivedOn')} required value={receivedOn} max={today()} onChange={(e) => setReceivedOn(e.currentTarget.value)} error={errors.receivedOn} />
          <NumberInput id="doc-pages" label={t('registry.pages')} required min={1} max={100000} value={pages} onChange={(n) => setPages(typeof n === 'number' ? n : '')} error={errors.pages} />
          <TextInput id="doc-senderReference" label={t('registry.senderReference')} value={senderReference} onChange={(e) => setSenderReference(e.currentTarget.value)} error={errors.senderReference} />
        </Group>
        <NativeSelect
          id="doc-category"
          label={t('case.category')}
          required
          value={categoryId}
          onChange={(e) => setCategoryId(e.currentTarget.value)}
          error={errors.categoryId}
          data={[{ value: '', label: t('fields.choose') }, ...categories.filter((c) => c.active).map((c) => ({ value: c.id, label: pickText(c.name, lang) }))]}
        />
        <TextInput id="doc-subject" label={t('calls.draft.subject')} required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} />
        <Textarea id="doc-description" label={t('calls.draft.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
        <CustomFieldsForm fields={fields} values={values} errors={errors} lang={lang} idPrefix="doc-cf" onChange={(k, v) => setValues((old) => ({ ...old, [k]: v }))} />
        <Stack gap={4}>
          <Text fw={500} size="sm" id="scans-label">
            {t('registry.scans')}
          </Text>
          <FileButton onChange={(picked) => setFiles((xs) => [...xs, ...picked])} multiple accept={SCAN_TYPES}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPaperclip size={16} aria-hidden />} w="fit-content" aria-describedby="scans-label scans-help" data-testid="add-scans">
                {t('registry.addScans')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" id="scans-help">
            {t('registry.scansHelp')}
          </Text>
          {files.length > 0 && (
            <List size="sm" data-testid="scan-list">
              {files.map((f, i) => (
                <List.Item key={`${f.name}-${i}`}>
                  {f.name} ({formatBytes(f.size, lang)}){' '}
                  <Button size="compact-xs" variant="subtle" disabled={progress !== null} onClick={() => setFiles((xs) => xs.filter((_, j) => j !== i))} aria-label={t('upload.remove', { name: f.name })}>
                    {t('upload.removeShort')}
                  </Button>
                </List.Item>
              ))}
            </List>
          )}
          {errors.files && (
            <Text size="sm" c="red.9" role="alert">
              {errors.files}
            </Text>
          )}
        </Stack>
        {progress !== null && (
          <Stack gap={2}>
            <Text size="sm" aria-live="polite">
              {t('upload.progress', { pct: progress })}
            </Text>
            <Progress value={progress} aria-label={t('registry.uploadProgress')} />
          </Stack>
        )}
        {failure && (
          <Text size="sm" c="red.9" role="alert" data-testid="record-failure">
            {failure}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={progress !== null} data-testid="record-document">
            {t('registry.record')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
