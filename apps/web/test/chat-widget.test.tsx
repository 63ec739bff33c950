import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../src/app/i18n.ts';
import { createQueryClient, Providers } from '../src/app/providers.tsx';
import { ChatPanel } from '../src/features/portal/chat/chat-panel.tsx';
import { loadSession, saveSession, sessionKey } from '../src/features/portal/chat/chat-session.ts';
import { portalResources } from '../src/i18n/portal/index.ts';

const SLUG = 'primaria-demo';
const EP = '11111111-1111-4111-8111-111111111111';
const SESSION = '22222222-2222-4222-8222-222222222222';

type Reply = { status: number; body: unknown };
/** The chat API as the server answers it, one reply per request; what the widget sent is kept. */
function serve(...replies: Reply[]) {
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)) as Record<string, unknown> });
    const r = replies.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': r.status < 400 ? 'application/json' : 'application/problem+json' } });
  });
  return sent;
}

function renderPanel(lang: 'ro' | 'en' = 'en') {
  const i18n = createI18n(portalResources, lang);
  return render(
    <Providers i18n={i18n} client={createQueryClient()} env="test">
      <MemoryRouter>
        <ChatPanel slug={SLUG} lang={lang} entryPointId={EP} mode="floating" />
      </MemoryRouter>
    </Providers>,
  );
}

const turn = (messages: string[], next: 'listen' | 'end' | 'transfer') => ({ status: 200, body: { sessionId: SESSION, language: 'en', messages, next } });

describe('the chat widget', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('sends what the citizen writes, shows the answers in a live region, and continues the same session', async () => {
    const sent = serve(turn(['Your request no. PET-2026-000123 is registered.', 'Anything else?'], 'listen'), turn(['Goodbye.'], 'end'));
    renderPanel();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your message'), 'PET-2026-000123{Enter}');
    await screen.findByText('Your request no. PET-2026-000123 is registered.');
    expect(sent[0]).toMatchObject({ url: `/api/public/v1/institutions/${SLUG}/assistant/chat?lang=en`, body: { entryPointId: EP, text: 'PET-2026-000123', language: 'en' } });
    expect(sent[0]!.body.sessionId).toBeUndefined();
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.textContent).toContain('You: PET-2026-000123');
    expect(loadSession(sessionStorage, sessionKey(SLUG, EP))).toMatchObject({ sessionId: SESSION, status: 'open' });

    await user.type(screen.getByLabelText('Your message'), 'nothing else{Enter}');
    await screen.findByText('The conversation has ended. Write again to start a new one.');
    expect(sent[1]!.body.sessionId).toBe(SESSION);
    // Ended: the next message starts a new conversation (no session id sent).
    serve(turn(['Hello again.'], 'listen'));
    await user.type(screen.getByLabelText('Your message'), 'status{Enter}');
    await screen.findByText('Hello again.');
    expect(loadSession(sessionStorage, sessionKey(SLUG, EP)).status).toBe('open');
  });

  it('a transfer says the chat cannot go further and links the request form, in the citizen’s language', async () => {
    serve(turn(['Un operator nu se poate alătura acestui chat, iar de aici nu am cum să vă contactez.'], 'transfer'));
    renderPanel('ro');
    await userEvent.setup().type(screen.getByLabelText('Mesajul dumneavoastră'), 'operator{Enter}');
    await screen.findByText(/Asistentul nu poate continua în chat/);
    expect(screen.getByRole('link', { name: 'Depuneți o cerere' }).getAttribute('href')).toBe(`/${SLUG}/new?lang=ro`);
    expect(loadSession(sessionStorage, sessionKey(SLUG, EP))).toMatchObject({ sessionId: null, status: 'transferred' });
  });

  it('a message that could not be sent is given back to retry, with an alert; too many messages say so', async () => {
    serve({ status: 503, body: { code: 'server.unavailable' } }, { status: 429, body: { code: 'request.rate_limited' } });
    renderPanel();
    const user = userEvent.setup();
    const field = screen.getByLabelText('Your message') as HTMLInputElement;
    await user.type(field, 'PET-2026-000123{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('The message could not be sent. Please try again.');
    await waitFor(() => expect(field.value).toBe('PET-2026-000123'));
    expect(screen.getByRole('log').textContent).toBe('');
    await user.type(field, '{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Too many messages/);
  });

  it('a conversation kept in the tab is shown again; unreadable storage is ignored', () => {
    const key = sessionKey(SLUG, EP);
    saveSession(sessionStorage, key, { sessionId: SESSION, status: 'open', entries: [{ id: 1, from: 'citizen', text: 'PET-2026-000123' }, { id: 2, from: 'assistant', text: 'It is registered.' }] });
    renderPanel();
    expect(screen.getByText('It is registered.')).toBeTruthy();
    sessionStorage.setItem(key, '{not json');
    expect(loadSession(sessionStorage, key)).toEqual({ sessionId: null, status: 'open', entries: [] });
    sessionStorage.setItem(key, JSON.stringify({ sessionId: 'x', status: 'weird', entries: [{ id: 'a' }, { id: 3, from: 'assistant', text: 'ok' }] }));
    expect(loadSession(sessionStorage, key)).toEqual({ sessionId: null, status: 'open', entries: [{ id: 3, from: 'assistant', text: 'ok' }] });
  });

  it('has its words in the five portal languages', () => {
    const en = Object.keys((portalResources.en!.translation as { chat: Record<string, string> }).chat).sort();
    for (const lang of ['ro', 'ru', 'it', 'vi'] as const) {
      const texts = (portalResources[lang]!.translation as { chat: Record<string, string> }).chat;
      expect(Object.keys(texts).sort(), lang).toEqual(en);
      for (const k of en) expect(texts[k], `${lang}.${k}`).not.toBe((portalResources.en!.translation as { chat: Record<string, string> }).chat[k]);
    }
  });
});
