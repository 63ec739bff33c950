import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { PortalSubmission } from '@civicline/contracts';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { portalApi, type PortalUploadT } from '../../api/portal.ts';
import { CustomFieldsForm } from '../../ui/custom-fields/custom-fields-form.tsx';
import { checkFields, cleanFieldValues } from '../../ui/custom-fields/validate.ts';
import { formatDateTime } from '../../ui/format.ts';
import { pickText } from '../../ui/localized.ts';
import { UploadField, useUploads } from '../../ui/uploads.tsx';
import { ErrorSummary } from './error-summary.tsx';
import { usePortal } from './portal-context.ts';

/** The consent text version the citizen agrees to (kept with the request). */
export const CONSENT_VERSION = '2026-01';

type Result = Awaited<ReturnType<typeof portalApi.submit>>;

export function SubmitPage() {
  const { t } = useTranslation();
  const { slug, lang, institution } = usePortal();
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, unknown>>({});
  const [form, setForm] = useState({ subject: '', description: '', firstName: '', lastName: '', email: '', phone: '', preferredChannel: 'email' as 'email' | 'sms', consent: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const uploads = useUploads<PortalUploadT>((file, onProgress) => portalApi.upload(slug, lang, file, onProgress));
  const category = institution.categories.find((c) => c.id === categoryId);
  const set = (k: keyof typeof form, v: string | boolean) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors(({ [k]: _gone, ...rest }) => rest);
  };

  const categoryOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const c of institution.categories) groups.set(c.group, [...(groups.get(c.group) ?? []), { value: c.id, label: pickText(c.name, lang) }]);
    return [...groups.entries()].map(([group, items]) => ({ group: t(`portal.groups.${group}`, { defaultValue: group }), items }));
  }, [institution.categories, lang, t]);

  const labelOf: Record<string, string> = {
    categoryId: t('portal.form.category'),
    subject: t('portal.form.subject'),
    description: t('portal.form.description'),
    firstName: t('portal.form.firstName'),
    lastName: t('portal.form.lastName'),
    email: t('portal.form.email'),
    phone: t('portal.form.phone'),
    consent: t('portal.form.consentShort'),
  };
  const idOf = (k: string) => (k.startsWith('cf.') ? `cf-${k.slice(3)}` : `f-${k}`);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const body = {
      categoryId: categoryId ?? '',
      subject: form.subject,
      description: form.description,
      customFields: category ? cleanFieldValues(Object.fromEntries(Object.entries(fields).filter(([k]) => category.fields.find((f) => f.key === k)?.type !== 'file'))) : {},
      contact: {
        firstName: form.firstName,
        lastName: form.lastName,
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        preferredChannel: form.preferredChannel,
        language: lang,
      },
      uploadTokens: uploads.items.filter((u) => u.state === 'done' && u.result).map((u) => u.result!.token),
      consent: { processing: form.consent, textVersion: CONSENT_VERSION },
    };
    const problems: Record<string, string> = {};
    const parsed = PortalSubmission.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === 'contact' ? String(issue.path[1]) : issue.path[0] === 'consent' ? 'consent' : String(issue.path[0]);
        const i = issue as { code: string; minimum?: number; input?: unknown };
        problems[key] ??= i.input === undefined || i.input === '' || key === 'consent' || key === 'categoryId'
          ? t(key === 'consent' ? 'portal.form.consentRequired' : 'validation.required')
          : i.code === 'too_small' ? t('validation.minLength', { min: Number(i.minimum) }) : key === 'email' ? t('validation.email') : t('validation.invalid');
      }
    }
    if (form.preferredChannel === 'email' && !form.email.trim()) problems.email ??= t('portal.form.emailNeeded');
    if (form.preferredChannel === 'sms' && !form.phone.trim()) problems.phone ??= t('portal.form.phoneNeeded');
    if (category) for (const [k, m] of Object.entries(checkFields(t, category.fields, fields, { requireAll: true, skipFiles: true }))) problems[`cf.${k}`] = m;
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const r = await portalApi.submit(slug, lang, { ...body, consent: { processing: true, textVersion: CONSENT_VERSION } });
      setResult(r);
      setTimeout(() => resultRef.current?.focus(), 0);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const fromServer: Record<string, string> = {};
        for (const fe of err.fieldErrors) {
          const key = fe.path.startsWith('customFields.') ? `cf.${fe.path.slice(13)}` : fe.path.startsWith('contact.') ? fe.path.slice(8) : fe.path.split('.')[0]!;
          fromServer[key] ??= fe.message;
        }
        setErrors(fromServer);
      } else setFailure(err instanceof ApiError ? err.message : t('portal.unavailable'));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <Paper withBorder p="lg" role="status" data-testid="submission-result">
        <Stack>
          <Title order={1} size="h2" ref={resultRef} tabIndex={-1}>
            {t('portal.done.title')}
          </Title>
          <Text size="lg">
            {t('portal.done.number')}: <b data-testid="registration-number">{result.registrationNumber}</b>
          </Text>
          <Text>{t('portal.done.registered', { at: formatDateTime(result.registeredAt, lang) })}</Text>
          {result.dueAt && <Text>{t('portal.done.due', { at: formatDateTime(result.dueAt, lang) })}</Text>}
          {result.acknowledgementChannel && <Text>{t(`portal.done.ack.${result.acknowledgementChannel}`)}</Text>}
          <Text>{t('portal.done.keep')}</Text>
          <Group>
            <Button component={Link} to={`/${slug}/status?lang=${lang}&number=${encodeURIComponent(result.registrationNumber)}`}>
              {t('portal.statusButton')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  const summary = Object.entries(errors).map(([k, message]) => ({
    id: idOf(k),
    label: k.startsWith('cf.') ? pickText(category?.fields.find((f) => f.key === k.slice(3))?.label, lang) : (labelOf[k] ?? k),
    message,
  }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="submit-title">
      <Stack>
        <Title order={1} size="h2" id="submit-title">
          {t('portal.submitTitle')}
        </Title>
        <Text size="sm">{t('portal.form.requiredNote')}</Text>
        <ErrorSummary errors={summary} />
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Paper withBorder p="md" component="fieldset">
          <Stack>
            <Title order={2} size="h4" component="legend">
              {t('portal.form.what')}
            </Title>
            <NativeSelect
              id="f-categoryId"
              label={labelOf.categoryId}
              required
              withAsterisk
              data={[{ value: '', label: t('fields.choose') }, ...categoryOptions]}
              value={categoryId ?? ''}
              onChange={(e) => {
                setCategoryId(e.currentTarget.value || null);
                setFields({});
                setErrors(({ categoryId: _gone, ...rest }) => rest);
              }}
              error={errors.categoryId}
              data-testid="category"
            />
            {category && Object.keys(category.description).length > 0 && <Text size="sm">{pickText(category.description, lang)}</Text>}
            {category && (
              <Text size="sm">
                {t('portal.form.deadline', { amount: category.deadline.amount, unit: t(`deadlineUnit.${category.deadline.unit}`) })}
              </Text>
            )}
            {category && category.fields.length > 0 && (
              <CustomFieldsForm
                fields={category.fields}
                values={fields}
                errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith('cf.')).map(([k, v]) => [k.slice(3), v]))}
                lang={lang}
                onChange={(k, v) => {
                  setFields((f) => ({ ...f, [k]: v }));
                  setErrors(({ [`cf.${k}`]: _gone, ...rest }) => rest);
                }}
              />
            )}
            <TextInput id="f-subject" label={labelOf.subject} required withAsterisk value={form.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors.subject} maxLength={300} />
            <Textarea id="f-description" label={labelOf.description} required withAsterisk autosize minRows={4} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('portal.form.attachments')}
              </Text>
              <Text size="sm">{t('portal.form.attachmentsHelp')}</Text>
              <UploadField uploads={uploads} label={t('portal.form.addFile')} />
            </Stack>
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="fieldset">
          <Stack>
            <Title order={2} size="h4" component="legend">
              {t('portal.form.who')}
            </Title>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput id="f-firstName" label={labelOf.firstName} required withAsterisk autoComplete="given-name" value={form.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={errors.firstName} miw={200} />
              <TextInput id="f-lastName" label={labelOf.lastName} required withAsterisk autoComplete="family-name" value={form.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={errors.lastName} miw={200} />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput id="f-email" type="email" label={labelOf.email} autoComplete="email" value={form.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} miw={200} />
              <TextInput id="f-phone" type="tel" label={labelOf.phone} autoComplete="tel" value={form.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} miw={200} />
            </Group>
            <Radio.Group label={t('portal.form.preferredChannel')} value={form.preferredChannel} onChange={(v) => set('preferredChannel', v)} required withAsterisk>
              <Group mt={4}>
                <Radio value="email" label={t('portal.form.byEmail')} />
                <Radio value="sms" label={t('portal.form.bySms')} />
              </Group>
            </Radio.Group>
          </Stack>
        </Paper>
        <Checkbox
          id="f-consent"
          label={t('portal.form.consent', { name: institution.name })}
          checked={form.consent}
          onChange={(e) => set('consent', e.currentTarget.checked)}
          error={errors.consent}
          required
        />
        <Group>
          <Button type="submit" size="md" loading={busy} disabled={uploads.busy} data-testid="submit-request">
            {t('portal.form.send')}
          </Button>
          {uploads.busy && <Text size="sm">{t('portal.form.waitUploads')}</Text>}
        </Group>
      </Stack>
    </form>
  );
}
