import { Alert, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { STATUS_TEXT, type CaseStatus } from '@civicline/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { statusCheckApi, type AnswerT, type FoundT, type OtherT } from '../../api/status-check.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { AccessHistory } from './status-history.tsx';
import { usePortal } from './portal-context.ts';
import { FactsView } from './status-facts.tsx';

type Step = 'number' | 'l2' | 'l3' | 'consent' | 'answer';

/**
 * "Check my request": the number, then whatever the record needs — the birth date or the phone's
 * last digits (L2), a code by SMS (L3), consent for sensitive data — and the answer. Every rule
 * is the status-check service's; this page only asks for what it says and shows what it returns.
 */
export function StatusPage() {
  const { t } = useTranslation();
  const { slug, lang } = usePortal();
  const [params] = useSearchParams();
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>('number');
  const [found, setFound] = useState<FoundT | null>(null);
  const [answer, setAnswer] = useState<AnswerT | null>(null);
  const [birthDate, setBirthDate] = useState('');
  const [last4, setLast4] = useState('');
  const [code, setCode] = useState('');
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const focusResult = () => setTimeout(() => headingRef.current?.focus(), 0);
  const message = (o: OtherT): string => {
    const at = o.until ? formatDateTime(o.until, lang) : '';
    switch (o.outcome) {
      case 'not_found':
        return t('portal.status.notFound');
      case 'invalid':
        return t('statusCheck.errors.invalid');
      case 'failed':
        return t('statusCheck.errors.failed', { count: o.attemptsLeft ?? 0 });
      case 'locked':
        return t('statusCheck.errors.locked', { at });
      case 'blocked':
        return t('statusCheck.errors.blocked', { at });
      case 'unavailable':
        return t('statusCheck.errors.unavailable');
      case 'not_disclosed_here':
        return t('statusCheck.errors.notDisclosed');
      case 'invalid_ref':
        return t('statusCheck.errors.expired');
      default:
        return t('statusCheck.errors.notPossible');
    }
  };
  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('portal.unavailable'));
      return null;
    } finally {
      setBusy(false);
    }
  };

  /** After an identification or a verification: the next step the record needs, or the answer. */
  const next = async (f: FoundT, level: FoundT['level'], consentNeeded: boolean) => {
    const rank = { L1: 1, L2: 2, L3: 3 } as const;
    const have = level ? rank[level] : 0;
    if (have < rank[f.levelNeeded]) {
      setStep(f.levelNeeded === 'L2' && f.l2Methods.length > 0 ? 'l2' : 'l3');
      return focusResult();
    }
    if (consentNeeded) {
      setStep('consent');
      return focusResult();
    }
    const a = await run(() => statusCheckApi.answer(slug, lang, f.ref));
    if (!a) return;
    if (a.outcome === 'answer') {
      setAnswer(a as AnswerT);
      setStep('answer');
      focusResult();
    } else setError(message(a as OtherT));
  };

  const check = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (number.trim().length < 3) {
      setError(t('portal.status.numberNeeded'));
      return;
    }
    setFound(null);
    setAnswer(null);
    setCodeSentTo(null);
    setStep('number');
    const o = await run(() => statusCheckApi.check(slug, lang, number.trim()));
    if (!o) return;
    if (o.outcome !== 'found') return setError(message(o as OtherT));
    const f = o as FoundT;
    setFound(f);
    if (f.answer?.outcome === 'answer') {
      setAnswer(f.answer as AnswerT);
      setStep('answer');
      return focusResult();
    }
    await next(f, f.level, f.consentNeeded);
  };
  useEffect(() => {
    if (params.get('number')) void check();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  const verified = async (o: OtherT | null) => {
    if (!o || !found) return;
    if (o.outcome !== 'verified') return setError(message(o));
    await next(found, o.level ?? null, o.consentNeeded ?? false);
  };
  const verifyL2 = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!found) return;
    const proof = birthDate ? { birthDate } : /^\d{4}$/.test(last4) ? { phoneLast4: last4 } : null;
    if (!proof) return setError(t('statusCheck.errors.birthDateNeeded'));
    await verified(await run(() => statusCheckApi.verify(slug, lang, found.ref, proof)));
  };
  const sendCode = async () => {
    if (!found) return;
    const o = await run(() => statusCheckApi.sendCode(slug, lang, found.ref));
    if (!o) return;
    if (o.outcome === 'sent') setCodeSentTo(o.maskedPhone ?? found.maskedPhone);
    else setError(message(o));
  };
  const verifyCode = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!found) return;
    if (!/^\d{6}$/.test(code.trim())) return setError(t('statusCheck.errors.codeNeeded'));
    await verified(await run(() => statusCheckApi.verifyCode(slug, lang, found.ref, code.trim())));
  };
  const giveConsent = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!found || !agreed) return;
    const o = await run(() => statusCheckApi.consent(slug, lang, found.ref));
    if (!o) return;
    if (o.outcome !== 'recorded') return setError(message(o));
    await next(found, 'L3', false);
  };

  const caseStatus = answer?.facts.kind === 'case' ? (answer.facts.status as CaseStatus) : null;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('portal.statusTitle')}
      </Title>
      <form onSubmit={(e) => void check(e)} noValidate>
        <Group align="flex-start">
          <TextInput id="f-number" label={t('portal.status.number')} description={t('portal.status.numberHelp')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={step === 'number' ? error : null} required withAsterisk w={320} data-testid="status-number" />
          <Button type="submit" loading={busy && step === 'number'} mt={46} data-testid="check-status">
            {t('portal.status.check')}
          </Button>
        </Group>
      </form>

      {found && (step === 'l2' || step === 'l3' || step === 'consent') && (
        <Paper withBorder p="lg" data-testid="status-verify">
          <Stack gap="sm">
            <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
              {t('statusCheck.verifyTitle')}
            </Title>
            {step === 'l2' && (
              <form onSubmit={(e) => void verifyL2(e)} noValidate>
                <Stack gap="sm">
                  <Text>{t('statusCheck.l2Intro')}</Text>
                  {found.l2Methods.includes('birth_date') && (
                    <TextInput id="f-birth" type="date" label={t('statusCheck.birthDate')} value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} w={220} data-testid="verify-birth-date" />
                  )}
                  {found.l2Methods.includes('phone_last4') && (
                    <TextInput id="f-last4" label={t('statusCheck.phoneLast4')} inputMode="numeric" maxLength={4} value={last4} onChange={(e) => setLast4(e.currentTarget.value.replace(/\D/g, ''))} w={220} data-testid="verify-last4" />
                  )}
                  <Button type="submit" loading={busy} w="fit-content" data-testid="verify-submit">
                    {t('statusCheck.verify')}
                  </Button>
                </Stack>
              </form>
            )}
            {step === 'l3' && (
              <Stack gap="sm">
                <Text>{t('statusCheck.l3Intro', { phone: found.maskedPhone ?? '' })}</Text>
                {!codeSentTo ? (
                  <Button onClick={() => void sendCode()} loading={busy} w="fit-content" data-testid="send-code">
                    {t('statusCheck.sendCode')}
                  </Button>
                ) : (
                  <form onSubmit={(e) => void verifyCode(e)} noValidate>
                    <Stack gap="sm">
                      <Text role="status">{t('statusCheck.codeSent', { phone: codeSentTo })}</Text>
                      <TextInput id="f-code" label={t('statusCheck.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))} w={220} data-testid="verify-code" />
                      <Button type="submit" loading={busy} w="fit-content" data-testid="verify-code-submit">
                        {t('statusCheck.confirmCode')}
                      </Button>
                    </Stack>
                  </form>
                )}
              </Stack>
            )}
            {step === 'consent' && (
              <form onSubmit={(e) => void giveConsent(e)} noValidate>
                <Stack gap="sm">
                  <Checkbox label={t('statusCheck.consent')} checked={agreed} onChange={(e) => setAgreed(e.currentTarget.checked)} data-testid="consent" />
                  <Button type="submit" disabled={!agreed} loading={busy} w="fit-content" data-testid="consent-submit">
                    {t('statusCheck.consentButton')}
                  </Button>
                </Stack>
              </form>
            )}
            {error && (
              <Alert color="red" variant="light" role="alert" data-testid="status-error">
                {error}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}

      {answer && step === 'answer' && (
        <Paper withBorder p="lg" data-testid="status-result" role="status">
          <Stack gap="xs">
            <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
              {t('portal.status.request', { number: answer.facts.reference })}
            </Title>
            {caseStatus && (
              <Text size="lg">
                {t('portal.status.state')}: <b data-testid="status-text" data-status={caseStatus}>{STATUS_TEXT[lang][caseStatus] ?? caseStatus}</b>
              </Text>
            )}
            <FactsView facts={answer.facts} />
            {answer.facts.kind === 'case' && answer.facts.registeredAt && <Text>{t('portal.status.registered')}: {formatDate(answer.facts.registeredAt, lang)}</Text>}
            {answer.moreWithLevel === 'L2' && found && found.l2Methods.length > 0 && (
              <Group>
                <Text size="sm">{t('statusCheck.more')}</Text>
                <Button variant="default" size="xs" onClick={() => { setStep('l2'); focusResult(); }} data-testid="show-more">
                  {t('statusCheck.showMore')}
                </Button>
              </Group>
            )}
            {found && answer.level !== 'L1' && <AccessHistory slug={slug} lang={lang} ref_={found.ref} />}
          </Stack>
        </Paper>
      )}
      {step === 'answer' && error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {!answer && !found && !error && (
        <Alert color="civic" variant="light">
          {t('portal.status.privacy')}
        </Alert>
      )}
    </Stack>
  );
}
