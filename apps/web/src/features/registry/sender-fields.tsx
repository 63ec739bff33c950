import { Button, Group, Radio, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { Citizen } from '@civicline/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { ApiError } from '../../api/http.ts';

export interface NewSender {
  kind: 'person' | 'organisation';
  firstName: string;
  lastName: string;
  organisationName: string;
  line: string;
  locality: string;
  postalCode: string;
  phone: string;
  email: string;
}
export const EMPTY_SENDER: NewSender = { kind: 'person', firstName: '', lastName: '', organisationName: '', line: '', locality: '', postalCode: '', phone: '', email: '' };

export type SenderChoice = { mode: 'known'; citizen: Citizen | null } | { mode: 'new'; sender: NewSender };

/** The sender of a paper document: someone on file (found by name or phone) or a new record. */
export function SenderFields({ value, onChange, errors }: { value: SenderChoice; onChange: (v: SenderChoice) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Citizen[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const err = (k: string) => errors[`sender.${k}`];

  const search = async () => {
    const q = query.trim();
    setSearchError(null);
    if (q.length < 2) return setSearchError(t('calls.find.tooShort'));
    try {
      setFound(await channelsApi.findCitizens(/^\+?[\d\s().-]{5,}$/.test(q) ? { phone: q } : { name: q }));
    } catch (e) {
      setSearchError(e instanceof ApiError ? (e.fieldErrors[0]?.message ?? e.message) : t('common.failed'));
    }
  };

  const set = (patch: Partial<NewSender>) => value.mode === 'new' && onChange({ mode: 'new', sender: { ...value.sender, ...patch } });
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600} size="sm">
        {t('registry.sender')}
      </Text>
      <SegmentedControl
        value={value.mode}
        onChange={(m) => onChange(m === 'known' ? { mode: 'known', citizen: null } : { mode: 'new', sender: EMPTY_SENDER })}
        data={[
          { value: 'new', label: t('registry.newSender') },
          { value: 'known', label: t('registry.knownSender') },
        ]}
        w="fit-content"
        aria-label={t('registry.senderMode')}
      />
      {value.mode === 'known' ? (
        <Stack gap="xs">
          <Group align="flex-end">
            <TextInput
              id="sender-search"
              label={t('calls.find.label')}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void search();
                }
              }}
              error={searchError ?? err('citizenId')}
              w={320}
            />
            <Button variant="default" onClick={() => void search()}>
              {t('calls.find.search')}
            </Button>
          </Group>
          {found && found.length === 0 && <Text size="sm">{t('calls.find.none')}</Text>}
          {found && found.length > 0 && (
            <Radio.Group
              label={t('registry.chooseSender')}
              value={value.citizen?.id ?? ''}
              onChange={(id) => onChange({ mode: 'known', citizen: found.find((c) => c.id === id) ?? null })}
            >
              <Stack gap={4} mt={4}>
                {found.map((c) => (
                  <Radio key={c.id} value={c.id} label={[c.displayName, c.addresses[0]?.line, c.phones[0]].filter(Boolean).join(' · ')} />
                ))}
              </Stack>
            </Radio.Group>
          )}
        </Stack>
      ) : (
        <Stack gap="xs">
          <SegmentedControl
            value={value.sender.kind}
            onChange={(k) => set({ kind: k as NewSender['kind'] })}
            data={[
              { value: 'person', label: t('registry.person') },
              { value: 'organisation', label: t('registry.organisation') },
            ]}
            w="fit-content"
            aria-label={t('registry.senderKind')}
          />
          {value.sender.kind === 'person' ? (
            <Group grow align="flex-start">
              <TextInput id="sender-firstName" label={t('registry.firstName')} value={value.sender.firstName} onChange={(e) => set({ firstName: e.currentTarget.value })} error={err('firstName')} />
              <TextInput id="sender-lastName" label={t('registry.lastName')} required value={value.sender.lastName} onChange={(e) => set({ lastName: e.currentTarget.value })} error={err('lastName')} />
            </Group>
          ) : (
            <TextInput id="sender-organisationName" label={t('registry.organisationName')} required value={value.sender.organisationName} onChange={(e) => set({ organisationName: e.currentTarget.value })} error={err('organisationName')} />
          )}
          <TextInput id="sender-address" label={t('registry.address')} required value={value.sender.line} onChange={(e) => set({ line: e.currentTarget.value })} error={err('address') ?? err('address.line')} />
          <Group grow align="flex-start">
            <TextInput id="sender-locality" label={t('registry.locality')} value={value.sender.locality} onChange={(e) => set({ locality: e.currentTarget.value })} error={err('address.locality')} />
            <TextInput id="sender-postalCode" label={t('registry.postalCode')} value={value.sender.postalCode} onChange={(e) => set({ postalCode: e.currentTarget.value })} error={err('address.postalCode')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput id="sender-phone" type="tel" label={t('registry.phone')} value={value.sender.phone} onChange={(e) => set({ phone: e.currentTarget.value })} error={err('phone')} />
            <TextInput id="sender-email" type="email" label={t('registry.email')} value={value.sender.email} onChange={(e) => set({ email: e.currentTarget.value })} error={err('email')} />
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

/** The sender as the form's dotted fields (empty ones are dropped by the server). */
export function senderFields(v: SenderChoice): [string, string][] {
  if (v.mode === 'known') return v.citizen ? [['sender.citizenId', v.citizen.id]] : [];
  const s = v.sender;
  const named: [string, string][] = s.kind === 'person' ? [['sender.firstName', s.firstName], ['sender.lastName', s.lastName]] : [['sender.organisationName', s.organisationName]];
  return [
    ['sender.kind', s.kind],
    ...named,
    ['sender.address.line', s.line],
    ['sender.address.locality', s.locality],
    ['sender.address.postalCode', s.postalCode],
    ['sender.phone', s.phone],
    ['sender.email', s.email],
  ];
}
