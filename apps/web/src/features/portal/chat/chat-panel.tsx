import { Alert, Anchor, Button, CloseButton, Group, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { Language } from '@civicline/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useHref } from 'react-router';
import type { ChatEntry } from './chat-session.ts';
import classes from './chat.module.css';
import { useChat } from './use-chat.ts';

export interface ChatPanelProps {
  slug: string;
  lang: Language;
  entryPointId: string;
  /** Floating over the portal (with a close button), or the whole page of an embedding iframe. */
  mode: 'floating' | 'embedded';
  onClose?: () => void;
  /** Put the cursor in the message field on opening (not inside another site's iframe). */
  autoFocus?: boolean;
}

/**
 * The chat with the assistant: the conversation (a live region, so screen readers read each new
 * message), one field and a send button. The assistant's words come from the server in the
 * conversation's language; when it ends the conversation or hands it over, a notice says so.
 */
export function ChatPanel({ slug, lang, entryPointId, mode, onClose, autoFocus }: ChatPanelProps) {
  const { t } = useTranslation();
  const chat = useChat({ slug, entryPointId, lang });
  const [text, setText] = useState('');
  const titleId = useId();
  const input = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const newRequest = `/${slug}/new?lang=${lang}`;
  const newRequestHref = useHref(newRequest);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.entries.length, chat.busy]);

  const submit = async () => {
    const said = text;
    if (!said.trim()) return;
    setText('');
    if (!(await chat.send(said))) setText(said);
    input.current?.focus();
  };

  const who = (e: ChatEntry) => t(e.from === 'citizen' ? 'chat.you' : e.from === 'assistant' ? 'chat.assistant' : 'chat.notice');
  const words = (e: ChatEntry) => (e.from === 'notice' ? t(e.text === 'transferred' ? 'chat.transferred' : 'chat.ended') : e.text);

  return (
    <section aria-labelledby={titleId} className={`${classes.panel} ${mode === 'floating' ? classes.floating : classes.embedded}`} data-testid="chat-panel">
      <div className={classes.header}>
        <Title order={mode === 'embedded' ? 1 : 2} size="h4" id={titleId}>
          {t('chat.title')}
        </Title>
        {onClose && <CloseButton aria-label={t('chat.close')} onClick={onClose} variant="transparent" c="white" data-testid="chat-close" />}
      </div>
      {/* Focusable, so the conversation can be scrolled from the keyboard. */}
      <div className={classes.scroller} ref={scroller} tabIndex={0} role="region" aria-label={t('chat.log')}>
        <Text size="sm">{t('chat.intro')}</Text>
        <div role="log" aria-live="polite" aria-label={t('chat.log')} className={classes.log} data-testid="chat-log">
          {chat.entries.map((e) => (
            <p key={e.id} className={`${classes.entry} ${classes[e.from]}`} data-from={e.from}>
              <VisuallyHidden>{who(e)}: </VisuallyHidden>
              {words(e)}
            </p>
          ))}
        </div>
        {chat.busy && (
          <Text size="sm" c="dimmed" mt="xs" role="status">
            {t('chat.writing')}
          </Text>
        )}
        {chat.status === 'transferred' && (
          <Group mt="xs" gap="sm">
            {mode === 'embedded' ? (
              <Anchor href={newRequestHref} target="_blank" rel="noopener">
                {t('chat.newRequest')}
              </Anchor>
            ) : (
              <Anchor component={Link} to={newRequest}>
                {t('chat.newRequest')}
              </Anchor>
            )}
          </Group>
        )}
        {chat.status !== 'open' && (
          <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => (chat.restart(), input.current?.focus())}>
            {t('chat.restart')}
          </Button>
        )}
      </div>
      {chat.error && (
        <Alert role="alert" color="red" variant="light" mx="sm" p="xs">
          {t(chat.error === 'busy' ? 'chat.busy' : 'chat.failed')}
        </Alert>
      )}
      <form
        className={classes.composer}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput
          ref={input}
          label={t('chat.input')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={500}
          autoComplete="off"
          style={{ flex: 1 }}
          data-testid="chat-input"
        />
        <Button type="submit" loading={chat.busy} data-testid="chat-send">
          {t('chat.send')}
        </Button>
      </form>
    </section>
  );
}

export default ChatPanel;
