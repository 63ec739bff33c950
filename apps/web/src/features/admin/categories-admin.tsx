import { Button, Grid, Group, NavLink, NumberInput, Paper, ScrollArea, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DISCLOSURE_LEVELS, FieldList, LANGUAGES, type Category } from '@civicline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';
import { useCategories, useDepartments, useUsers } from '../../api/reference.ts';
import { pickText } from '../../ui/localized.ts';
import { FieldBuilder, type FieldErrors } from './field-builder.tsx';

type Draft = Omit<Category, 'id' | 'version'> & { id?: string; version?: number };

const blank = (departmentId: string, registerId: string): Draft => ({
  code: '',
  group: 'general',
  name: { en: '' },
  description: {},
  fields: [],
  deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 0, forwardingDays: 7, warnBeforeHours: 72 },
  departmentId,
  registerId,
  routing: { strategy: 'manual', supervisorIds: [] },
  sendSms: false,
  instant: false,
  sensitive: false,
  disclosureLevel: 'L1',
  allowAnonymous: false,
  active: true,
});

/** Categories (procedures): names, department and register, deadline and routing, and their fields. */
export function CategoriesAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const categories = useCategories();
  const departments = useDepartments();
  const registers = useQuery({ queryKey: ['registers'], queryFn: consoleApi.registers });
  const users = useUsers(true);
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const c = categories.data?.find((x) => x.id === selected);
    if (c) setDraft(structuredClone(c));
  }, [selected, categories.data]);
  useEffect(() => {
    if (!selected && categories.data?.[0]) setSelected(categories.data[0].id);
  }, [categories.data, selected]);

  const save = async () => {
    if (!draft) return;
    const parsed = FieldList.safeParse(draft.fields);
    const fe: FieldErrors = {};
    if (!parsed.success) for (const issue of parsed.error.issues) fe[issue.path.length > 1 ? issue.path.join('.') : `${String(issue.path[0] ?? '')}.key`] ??= issue.message;
    setFieldErrors(fe);
    if (Object.keys(fe).length > 0) return;
    setBusy(true);
    try {
      const { id, version, code, ...rest } = draft;
      const saved = id ? await consoleApi.updateCategory(id, { ...rest, version: version! }) : await consoleApi.createCategory({ code, ...rest });
      setErrors({});
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('admin.saved') });
      await client.invalidateQueries({ queryKey: ['categories'] });
      setSelected(saved.id);
      setDraft(structuredClone(saved));
    } catch (err) {
      if (err instanceof ApiError) {
        const e: Record<string, string> = {};
        const f: FieldErrors = {};
        for (const x of err.fieldErrors) {
          if (x.path.startsWith('fields.')) f[x.path.slice('fields.'.length)] = x.message;
          else e[x.path] = x.message;
        }
        setErrors(e);
        setFieldErrors(f);
        notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'red', message: t(`errors.${err.code}`, { defaultValue: err.message }) });
      }
    } finally {
      setBusy(false);
    }
  };

  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const deptOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: pickText(d.name, i18n.language) }));
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Paper withBorder p="xs">
          <Button
            fullWidth
            mb="xs"
            variant="light"
            onClick={() => {
              setSelected(null);
              setDraft(blank(departments.data?.[0]?.id ?? '', registers.data?.[0]?.id ?? ''));
            }}
          >
            {t('admin.categories.new')}
          </Button>
          <ScrollArea h="calc(100vh - 260px)">
            <nav aria-label={t('admin.categories.list')}>
              {(categories.data ?? []).map((c) => (
                <NavLink key={c.id} label={pickText(c.name, i18n.language)} description={c.code} active={c.id === selected} onClick={() => setSelected(c.id)} component="button" />
              ))}
            </nav>
          </ScrollArea>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>
        {draft && (
          <Stack>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  {draft.id ? pickText(draft.name, i18n.language) : t('admin.categories.new')}
                </Title>
                <Group grow align="flex-start">
                  <TextInput label={t('admin.code')} value={draft.code} onChange={(e) => set({ code: e.currentTarget.value })} disabled={!!draft.id} error={errors.code} required />
                  <TextInput label={t('admin.categories.group')} value={draft.group} onChange={(e) => set({ group: e.currentTarget.value })} error={errors.group} required />
                </Group>
                <Group grow align="flex-start">
                  {LANGUAGES.map((l) => (
                    <TextInput key={l} lang={l} label={`${t('admin.name')} (${l.toUpperCase()})`} value={draft.name[l] ?? ''} onChange={(e) => {
                      const name = { ...draft.name, [l]: e.currentTarget.value };
                      if (!e.currentTarget.value) delete name[l];
                      set({ name });
                    }} error={l === 'ro' ? errors.name : undefined} />
                  ))}
                </Group>
                <Group grow align="flex-start">
                  <Select label={t('admin.categories.department')} data={deptOptions} value={draft.departmentId} onChange={(v) => v && set({ departmentId: v })} allowDeselect={false} />
                  <Select label={t('admin.categories.register')} data={(registers.data ?? []).map((r) => ({ value: r.id, label: `${r.code} — ${r.format}` }))} value={draft.registerId} onChange={(v) => v && set({ registerId: v })} allowDeselect={false} />
                </Group>
              </Stack>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="deadline-title">
              <Title order={3} size="h5" id="deadline-title" mb="xs">
                {t('admin.categories.deadline')}
              </Title>
              <Group grow align="flex-start">
                <NumberInput label={t('admin.categories.amount')} min={1} value={draft.deadline.amount} onChange={(v) => set({ deadline: { ...draft.deadline, amount: Number(v) || 1 } })} />
                <Select label={t('admin.categories.unit')} data={['calendar_days', 'working_days', 'working_hours'].map((u) => ({ value: u, label: t(`deadlineUnit.${u}`) }))} value={draft.deadline.unit} onChange={(v) => v && set({ deadline: { ...draft.deadline, unit: v as Draft['deadline']['unit'] } })} allowDeselect={false} />
                <Select label={t('admin.categories.endOn')} data={['next_working_day', 'previous_working_day', 'keep'].map((u) => ({ value: u, label: t(`endOn.${u}`) }))} value={draft.deadline.endOnNonWorkingDay} onChange={(v) => v && set({ deadline: { ...draft.deadline, endOnNonWorkingDay: v as Draft['deadline']['endOnNonWorkingDay'] } })} allowDeselect={false} />
              </Group>
              <Group grow align="flex-start" mt="xs">
                <NumberInput label={t('admin.categories.maxExtension')} min={0} value={draft.deadline.maxExtensionDays} onChange={(v) => set({ deadline: { ...draft.deadline, maxExtensionDays: Number(v) || 0 } })} />
                <NumberInput label={t('admin.categories.warnBefore')} min={1} value={draft.deadline.warnBeforeHours} onChange={(v) => set({ deadline: { ...draft.deadline, warnBeforeHours: Number(v) || 1 } })} />
                <NumberInput label={t('admin.categories.forwarding')} min={1} value={draft.deadline.forwardingDays} onChange={(v) => set({ deadline: { ...draft.deadline, forwardingDays: Number(v) || 1 } })} />
              </Group>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="routing-title">
              <Title order={3} size="h5" id="routing-title" mb="xs">
                {t('admin.categories.routing')}
              </Title>
              <Group grow align="flex-start">
                <Select label={t('admin.categories.strategy')} data={['manual', 'fixed', 'round_robin', 'least_loaded'].map((s) => ({ value: s, label: t(`strategy.${s}`) }))} value={draft.routing.strategy} onChange={(v) => v && set({ routing: { ...draft.routing, strategy: v as Draft['routing']['strategy'] } })} allowDeselect={false} />
                {draft.routing.strategy === 'fixed' && (
                  <Select label={t('admin.categories.fixedUser')} data={(users.data ?? []).filter((u) => u.departmentIds.includes(draft.departmentId)).map((u) => ({ value: u.id, label: u.displayName }))} value={draft.routing.fixedUserId ?? null} onChange={(v) => set({ routing: { ...draft.routing, fixedUserId: v ?? undefined } })} error={errors['routing.fixedUserId']} />
                )}
                <Select label={t('admin.categories.disclosure')} data={DISCLOSURE_LEVELS.map((l) => ({ value: l, label: t(`disclosure.${l}`) }))} value={draft.disclosureLevel} onChange={(v) => v && set({ disclosureLevel: v as Draft['disclosureLevel'] })} allowDeselect={false} />
              </Group>
              <Group mt="sm">
                <Switch label={t('admin.categories.allowAnonymous')} checked={draft.allowAnonymous} onChange={(e) => set({ allowAnonymous: e.currentTarget.checked })} />
                <Switch label={t('admin.categories.sendSms')} checked={draft.sendSms} onChange={(e) => set({ sendSms: e.currentTarget.checked })} />
                <Switch label={t('admin.categories.sensitive')} checked={draft.sensitive} onChange={(e) => set({ sensitive: e.currentTarget.checked })} />
                <Switch label={t('admin.categories.instant')} checked={draft.instant} onChange={(e) => set({ instant: e.currentTarget.checked })} />
                <Switch label={t('admin.active')} checked={draft.active} onChange={(e) => set({ active: e.currentTarget.checked })} />
              </Group>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="fields-admin-title">
              <Title order={3} size="h5" id="fields-admin-title" mb="xs">
                {t('admin.fields.title')}
              </Title>
              <FieldBuilder fields={draft.fields} onChange={(fields) => set({ fields })} errors={fieldErrors} />
            </Paper>
            <Group justify="flex-end" pos="sticky" bottom={0} bg="white" py="xs">
              {Object.keys(fieldErrors).length > 0 && (
                <Text c="red.9" size="sm" role="alert">
                  {t('admin.fields.fix')}
                </Text>
              )}
              <Button onClick={() => void save()} loading={busy} data-testid="save-category">
                {t('admin.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  );
}
