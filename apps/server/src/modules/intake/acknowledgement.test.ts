import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@civicline/contracts';
import { renderAcknowledgement } from './acknowledgement.ts';

const base = {
  timeZone: 'Europe/Bucharest', institution: 'Primăria Demo', number: 'PET-2026-000123', subject: 'Groapă în asfalt',
  registeredAt: new Date('2026-03-10T08:00:00Z'), dueAt: new Date('2026-04-09T20:59:59Z'), statusUrl: 'https://demo.example/status',
};

describe('acknowledgement', () => {
  it('is written in every citizen language with the number, the date and the deadline', () => {
    for (const language of LANGUAGES) {
      const email = renderAcknowledgement('email', { ...base, language });
      expect(email.subject).toContain('PET-2026-000123');
      expect(email.body).toContain('PET-2026-000123');
      expect(email.body).toContain('https://demo.example/status');
      const sms = renderAcknowledgement('sms', { ...base, language });
      expect(sms.subject).toBeNull();
      expect(sms.body).toContain('PET-2026-000123');
    }
    expect(renderAcknowledgement('email', { ...base, language: 'ro' }).body).toContain('Termenul de răspuns este 9 aprilie 2026.');
    expect(renderAcknowledgement('email', { ...base, language: 'ru' }).body).toContain('Срок ответа — 9 апреля 2026 г.');
  });

  it('leaves the deadline out when there is none', () => {
    const r = renderAcknowledgement('email', { ...base, language: 'en', dueAt: null });
    expect(r.body).not.toMatch(/answer by/);
  });
});
