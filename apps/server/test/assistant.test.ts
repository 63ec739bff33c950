import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LANGUAGES, type Language } from '@civicline/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { assistantConversations, calls } from '../src/platform/db/schema/index.ts';
import { DIGIT_WORDS, spellNumber } from '../src/modules/assistant/speech/spell-number.fixture.ts';
import { generateNationalId } from '../src/modules/citizens/index.ts';
import { chatDriver, jambonzDriver, postSignedJambonz, postSignedTwilio, setUpProviders, signJambonz, smsDriver, transcript, twilioDriver, type Providers, type TwimlDoc } from './helpers/assistant-drivers.ts';
import { createStaff, createTestApp, login, type TestContext } from './helpers/harness.ts';
import { tenantFootprint } from './helpers/phone-fixtures.ts';
import { createStatusFixture, randomMobile, type StatusFixture } from './helpers/status-fixtures.ts';

/**
 * The assistant's conversations as transcripts (the caller says → the system answers), in all
 * five languages, over the real channels: chat, Twilio voice (TwiML parsed as XML), jambonz and
 * SMS, all on the real status-check service and database. Locks and fraud counts are per
 * institution, so each language gets its own.
 */

/** What the system's answers say, per language: a distinctive piece of each prompt. */
type Cue = 'noKb' | 'newChat' | 'askNumber' | 'birth' | 'code' | 'consent' | 'registered' | 'offers' | 'goodbye' | 'failed' | 'locked' | 'blocked' | 'nationalId' | 'notFound' | 'transferText' | 'noCallback' | 'unavailable' | 'optedOut' | 'readBack' | 'greeting' | 'smsSent';
const HEAR: Record<Language, Record<Cue, RegExp>> = {
  en: { noKb: /no information base/, newChat: /New request/, askNumber: /number of your request/, birth: /date of birth/, code: /six-digit code/, consent: /sensitive personal data/, registered: /is registered and waiting to be examined/, offers: /by SMS/, goodbye: /Goodbye/, failed: /does not match/, locked: /locked/, blocked: /security reasons/, nationalId: /personal identification number/, notFound: /did not find the request/, noCallback: /call us during opening hours/, transferText: /operator will contact you/, unavailable: /cannot check this right now/, optedOut: /not to be disclosed by phone/, readBack: /Is that right\?/, greeting: /automated assistant/, smsSent: /sent it by SMS/ },
  ro: { noKb: /nu are o bază de informații/, newChat: /Cerere nouă/, askNumber: /numărul cererii/, birth: /data nașterii/, code: /cod de șase cifre/, consent: /date personale sensibile/, registered: /este înregistrată și așteaptă/, offers: /prin SMS/, goodbye: /La revedere/, failed: /nu corespund/, locked: /blocată/, blocked: /motive de securitate/, nationalId: /codul numeric personal/, notFound: /Nu am găsit cererea/, noCallback: /ne sunați în programul de lucru/, transferText: /operator vă va contacta/, unavailable: /Nu pot verifica acum/, optedOut: /prin telefon/, readBack: /Este corect\?/, greeting: /asistentul automat/, smsSent: /prin SMS la/ },
  ru: { noKb: /нет справочной базы/, newChat: /Новое обращение/, askNumber: /номер обращения/, birth: /дату рождения/, code: /шестизначный код/, consent: /чувствительных персональных/, registered: /зарегистрировано и ожидает/, offers: /по SMS/, goodbye: /До свидания/, failed: /не совпадают/, locked: /заблокирована/, blocked: /соображениям безопасности/, nationalId: /идентификационный номер/, notFound: /не нашёл обращение/, noCallback: /позвоните нам в рабочее время/, transferText: /Оператор скоро свяжется/, unavailable: /не могу это проверить/, optedOut: /по телефону/, readBack: /Верно\?/, greeting: /автоматический помощник/, smsSent: /отправил SMS/ },
  it: { noKb: /non ha una base informativa/, newChat: /Nuova richiesta/, askNumber: /numero della pratica/, birth: /data di nascita/, code: /codice di sei cifre/, consent: /dati personali sensibili/, registered: /è protocollata e in attesa/, offers: /per SMS/, goodbye: /Arrivederci/, failed: /non corrispondono/, locked: /bloccata/, blocked: /motivi di sicurezza/, nationalId: /codice identificativo personale/, notFound: /Non ho trovato la pratica/, noCallback: /chiamarci negli orari di apertura/, transferText: /operatore la contatterà/, unavailable: /Non posso verificarlo ora/, optedOut: /per telefono/, readBack: /È corretto\?/, greeting: /assistente automatico/, smsSent: /inviato un SMS/ },
  vi: { noKb: /chưa có cơ sở thông tin/, newChat: /Yêu cầu mới/, askNumber: /số hồ sơ/, birth: /ngày sinh/, code: /mã sáu chữ số/, consent: /dữ liệu cá nhân nhạy cảm/, registered: /đã được tiếp nhận và đang chờ/, offers: /qua SMS/, goodbye: /Cảm ơn quý vị đã gọi/, failed: /không khớp/, locked: /bị khóa/, blocked: /lý do an ninh/, nationalId: /số định danh cá nhân/, notFound: /không tìm thấy hồ sơ/, noCallback: /gọi cho chúng tôi trong giờ làm việc/, transferText: /Nhân viên sẽ sớm liên hệ/, unavailable: /không thể kiểm tra/, optedOut: /qua điện thoại/, readBack: /Có đúng không\?/, greeting: /trợ lý tự động/, smsSent: /đã gửi SMS/ },
};

/** What the caller says, per language. */
const SAY: Record<Language, { info: string; newReq: string; status: string; yes: string; nothing: string; birth: (d: number, m: number, y: number) => string; sms: string; language: string }> = {
  en: { info: 'I have a question, I need information', newReq: 'I want to file a new complaint', status: 'I would like to check the status of my request', yes: 'yes', nothing: 'no, nothing else', birth: (d, m, y) => `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${y}`, sms: 'send me an SMS', language: 'English' },
  ro: { info: 'am o întrebare, vreau informații', newReq: 'vreau să depun o sesizare nouă', status: 'aș vrea să aflu stadiul cererii mele', yes: 'da', nothing: 'nu, nimic altceva', birth: (d, m, y) => `${d} ${['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'][m - 1]} ${y}`, sms: 'trimiteți-mi un SMS', language: 'română' },
  ru: { info: 'у меня вопрос, нужна информация', newReq: 'хочу подать новое обращение', status: 'хочу узнать статус обращения', yes: 'да', nothing: 'нет, больше ничего', birth: (d, m, y) => `${d} ${['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'][m - 1]} ${y}`, sms: 'пришлите смс', language: 'русский' },
  it: { info: 'ho una domanda, mi servono informazioni', newReq: 'vorrei presentare un nuovo reclamo', status: 'vorrei sapere lo stato della mia pratica', yes: 'sì', nothing: 'no, niente altro', birth: (d, m, y) => `${d} ${['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'][m - 1]} ${y}`, sms: 'mi mandi un SMS', language: 'italiano' },
  vi: { info: 'tôi có câu hỏi, cần thông tin', newReq: 'tôi muốn nộp khiếu nại mới', status: 'tôi muốn kiểm tra tình trạng hồ sơ', yes: 'có', nothing: 'không, không cần gì nữa', birth: (d, m, y) => `ngày ${spellNumber(d, 'vi')} tháng ${spellNumber(m, 'vi')} năm ${spellNumber(y, 'vi')}`, sms: 'gửi tin nhắn SMS cho tôi', language: 'tiếng Việt' },
};

/** A registration number as a caller says it: the prefix letters, the year in words, the sequence digit by digit. */
function spoken(number: string, lang: Language): string {
  const [prefix, year, seq] = number.split('-') as [string, string, string];
  return `${[...prefix].join(' ')} ${spellNumber(Number(year), lang)} ${[...seq].map((c) => DIGIT_WORDS[lang][Number(c)]).join(' ')}`;
}
const digitsSpoken = (digits: string, lang: Language) => [...digits].map((c) => DIGIT_WORDS[lang][Number(c)]).join(' ');

describe('assistant: conversations on every channel', () => {
  let t: TestContext;
  const fx = {} as Record<Language, { f: StatusFixture; p: Providers; general: string }>;

  /** An outside system that never answers: the connector's time budget must end the look-up. */
  const hanging = { server: http.createServer(() => {}), url: '' };

  beforeAll(async () => {
    await new Promise<void>((r) => hanging.server.listen(0, '127.0.0.1', r));
    hanging.url = `http://127.0.0.1:${(hanging.server.address() as AddressInfo).port}`;
    t = await createTestApp({ config: { publicUrl: 'https://civicline.example.gov', publicBaseUrl: 'https://civicline.example.gov' } });
    await t.c.jobs.start({ work: false });
    for (const lang of LANGUAGES) {
      const f = await createStatusFixture(t, { language: lang });
      const p = await setUpProviders(t, f);
      fx[lang] = { f, p, general: await p.lineNumber(f.lines.general) };
    }
  }, 120_000);
  afterAll(async () => {
    hanging.server.closeAllConnections();
    await new Promise((r) => hanging.server.close(r));
    await t.close();
  });

  /** A phone of a citizen whose profile says which language they speak (the assistant answers in it). */
  async function profilePhone(f: StatusFixture, lang: Language): Promise<string> {
    const phone = randomMobile();
    await t.c.citizens.create(systemContext(f.tenantId, 'test'), { kind: 'person', firstName: 'Ana', lastName: 'Test', preferredLanguage: lang, preferredChannel: 'sms', addresses: [], phones: [phone], emails: [], clientCodes: [], voiceOptOut: false } as never);
    return phone;
  }

  for (const lang of LANGUAGES) {
    const h = HEAR[lang];
    const s = SAY[lang];
    describe(`in ${lang}`, () => {
      it('chat: found at L1 — the general status, offers, goodbye', async () => {
        const { f, p } = fx[lang];
        await transcript(chatDriver(p, f, lang), [
          [s.status, h.askNumber],
          [spoken(f.cases.approved, lang), new RegExp(f.cases.approved), h.registered, h.offers],
          [s.nothing, h.goodbye],
        ]);
      });

      it('chat: no knowledge base yet (said so, operator offered); a new request points to the portal form', async () => {
        const { f, p } = fx[lang];
        await transcript(chatDriver(p, f, lang), [
          [s.info, h.noKb],
          [s.nothing, h.goodbye],
        ]);
        const [heard] = await transcript(chatDriver(p, f, lang), [[s.newReq, h.newChat]]);
        expect(heard!.next).toBe('end');
      });

      it('chat: L2 needed and given — the birth date, then the answer', async () => {
        const { f, p } = fx[lang];
        await transcript(chatDriver(p, f, lang), [
          [s.status, h.askNumber],
          [spoken(f.cases.l2, lang), h.birth],
          [s.birth(7, 3, 1984), new RegExp(f.cases.l2), h.offers],
        ]);
      });

      it('chat: L3 for a sensitive record — the code from the SMS sink, consent, then the answer and a summary by SMS', async () => {
        const { f, p } = fx[lang];
        const chat = chatDriver(p, f, lang);
        await transcript(chat, [
          [s.status, h.askNumber],
          [spoken(f.cases.sensitive, lang), h.code],
        ]);
        const code = await f.lastCode();
        expect(code).toMatch(/^\d{6}$/);
        await transcript(chat, [
          [digitsSpoken(code!, lang), h.consent],
          [s.yes, new RegExp(f.cases.sensitive), h.offers],
          [s.sms, h.smsSent],
        ]);
        // The summary went to the registered phone, in words the citizen can read.
        expect((await f.messagesTo(f.phone)).some((m) => m.body.includes(f.cases.sensitive) && m.purpose !== 'otp')).toBe(true);
      });

      it('voice (Twilio): wrong birth date three times → locked, with a transfer offered', async () => {
        const { f, p, general } = fx[lang];
        const call = twilioDriver(p, general, randomMobile());
        // An unknown caller is greeted in the line's language and chooses their own.
        await transcript(call, [
          ['', HEAR.ro.greeting],
          [s.language, /./],
          [s.status, h.askNumber],
          [spoken(f.cases.l2, lang), h.readBack],
          [s.yes, h.birth],
          [s.birth(1, 1, 1990), h.failed, h.birth],
          [s.birth(2, 1, 1990), h.failed, h.birth],
          [s.birth(3, 1, 1990), h.locked],
        ]);
      });

      it('SMS: one phone trying 5 identifiers → blocked, and a fraud flag for supervisors', async () => {
        const { f, p, general } = fx[lang];
        const phone = await profilePhone(f, lang);
        const sms = smsDriver(p, general, phone);
        for (let i = 1; i <= 4; i++) await transcript(sms, [[`STATUS PET-2026-91000${i}`, h.nationalId]]);
        await transcript(sms, [['STATUS PET-2026-910005', h.blocked]]);
        const flags = await t.c.statusCheck.admin.listFraudFlags(systemContext(f.tenantId), { open: true });
        expect(flags.some((x) => x.channel === 'sms' && x.identifiers >= 5)).toBe(true);
      });

      it('voice (Twilio): an unknown number → the national ID fallback → put through to an operator with the context', async () => {
        const { f, p, general } = fx[lang];
        const call = twilioDriver(p, general, randomMobile());
        const unknownCnp = generateNationalId('ro_cnp', Math.random, { birthDate: '1970-05-05' });
        const heard = await transcript(call, [
          ['', HEAR.ro.greeting],
          [s.language],
          ['PET 2026 987654', h.readBack],
          [s.yes, h.nationalId],
          [digitsSpoken(unknownCnp, lang), h.notFound],
        ]);
        const last = heard.at(-1)!;
        expect(last.next).toBe('transfer');
        expect((last.raw as TwimlDoc).Response.Dial).toMatchObject({ '#text': p.dialNumber, '@timeout': '60' });
        // The operator's console has the call, and beside it what the assistant collected.
        const [row] = await t.c.db.select({ id: calls.id }).from(calls).where(and(eq(calls.tenantId, f.tenantId), eq(calls.externalId, call.callSid)));
        expect(row).toBeDefined();
        const operator = await createStaff(t.c, f.tenantId, ['operator']);
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/calls/${row!.id}/assistant`, headers: { cookie: (await login(t.app, operator.email)).cookie } });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ language: lang, handover: { reference: 'PET-2026-987654', intent: 'status', log: expect.arrayContaining(['identify:not_found', 'transfer']) } });
        expect(res.body).not.toContain(unknownCnp);
        // The screen-pop itself carries it (the same view the console's event stream sends).
        const pop = await t.app.inject({ method: 'GET', url: `/api/v1/calls/${row!.id}`, headers: { cookie: (await login(t.app, operator.email)).cookie } });
        expect(pop.statusCode, pop.body).toBe(200);
        expect(pop.json().assistant).toMatchObject({ reference: 'PET-2026-987654', language: lang, level: null });
      });

      it('SMS: a source that does not answer in time — an honest answer and a transfer offer, never a wrong one', async () => {
        const { f, p, general } = fx[lang];
        const sys = systemContext(f.tenantId, 'test');
        await t.c.statusCheck.admin.putConnector(sys, 'invoice', { type: 'http', settings: { urls: { reference: `${hanging.url}/invoices/{value}` } }, timeoutMs: 300, active: true } as never);
        try {
          // This line has no category, so no draft can be opened for a call-back: the citizen is told to call.
          await transcript(smsDriver(p, general, await profilePhone(f, lang)), [
            [`STATUS ${f.records.invoice}`, h.unavailable],
            [s.yes, h.noCallback],
          ]);
        } finally {
          await t.c.statusCheck.admin.putConnector(sys, 'invoice', { type: 'builtin', settings: {}, timeoutMs: 1500, active: true } as never);
        }
      });

      it('voice: a citizen who opted out of voice access gets nothing by phone', async () => {
        const { f, p, general } = fx[lang];
        const sys = systemContext(f.tenantId, 'test');
        const citizen = await t.c.citizens.get(sys, f.citizenId, { audit: false });
        await t.c.citizens.update(sys, f.citizenId, { voiceOptOut: true, version: citizen.version });
        try {
          const heard = await transcript(jambonzDriver(p, general, f.phone), [
            ['', h.greeting],
            [spoken(f.cases.approved, lang), h.readBack],
            [s.yes, h.optedOut],
          ]);
          expect(heard.at(-1)!.next).toBe('end');
          expect(heard.at(-1)!.text).not.toContain(f.cases.approved.slice(-6));
        } finally {
          const now = await t.c.citizens.get(sys, f.citizenId, { audit: false });
          await t.c.citizens.update(sys, f.citizenId, { voiceOptOut: false, version: now.version });
        }
      });
    });
  }

  describe('the same dialog on every channel (en)', () => {
    const lang: Language = 'en';
    const h = HEAR.en;

    it('TwiML: Gather with speech and DTMF in the caller’s language, read-back, the answer, goodbye and hang-up', async () => {
      const { f, p, general } = fx.en;
      const call = twilioDriver(p, general, randomMobile());
      const heard = await transcript(call, [
        ['', HEAR.ro.greeting],
        ['English', /You can say/],
        ['1', h.askNumber],
        [spoken(f.cases.approved, lang), h.readBack],
        ['yes', new RegExp(f.cases.approved), h.registered],
        ['9', h.goodbye],
      ]);
      const doc = heard[2]!.raw as TwimlDoc;
      expect(doc.Response.Gather!['@language']).toBe('en-GB');
      expect(heard.at(-1)!.next).toBe('end');
      // The read-back spells the number, so a text-to-speech voice says it character by character.
      expect(heard[3]!.text).toContain('P E T');
    });

    it('jambonz: the same dialog as JSON verbs', async () => {
      const { f, p, general } = fx.en;
      const heard = await transcript(jambonzDriver(p, general, randomMobile()), [
        ['', HEAR.ro.greeting],
        ['English'],
        ['status of a request', h.askNumber],
        [spoken(f.cases.approved, lang), h.readBack],
        ['yes', new RegExp(f.cases.approved), h.registered],
        ['no, nothing else', h.goodbye],
      ]);
      expect((heard[2]!.raw as { recognizer: { language: string } }[])[0]!.recognizer.language).toBe('en-GB');
    });

    it('SMS: STATUS <number> answers in one message; the dialog goes on in the next', async () => {
      const { f, p, general } = fx.en;
      const sms = smsDriver(p, general, await profilePhone(f, 'en'));
      await transcript(sms, [[`STATUS ${f.cases.approved}`, new RegExp(f.cases.approved)]]);
      await transcript(sms, [['no', /./]]);
      // An SMS that is neither STATUS nor part of a dialog is a new request for intake, as before.
      const other = await sms.say('The street light on Str. Florilor is broken');
      expect(other.text).not.toMatch(h.askNumber);
    });

    it('SMS: asking for an operator on a line with a category opens the operators\' draft to call the citizen back, with what the dialog covered', async () => {
      const { f, p } = fx.en;
      const sys = systemContext(f.tenantId, 'test');
      const { rows: [category] } = await t.database.query<{ id: string }>('SELECT id FROM categories WHERE tenant_id = $1 AND NOT sensitive ORDER BY code LIMIT 1', [f.tenantId]);
      const number = randomMobile();
      await t.c.channelConfig.createLine(sys, { number, name: 'Call-back line', language: 'en', sms: true, voice: false, categoryId: category!.id, departmentId: null, disclosableKinds: ['case'] });
      const phone = randomMobile();
      const unknownCnp = generateNationalId('ro_cnp', Math.random, { birthDate: '1971-06-06' });
      const sms = smsDriver(p, number, phone);
      await transcript(sms, [
        ['STATUS PET-2026-987654', h.nationalId],
        [unknownCnp, h.notFound, h.transferText],
      ]);
      const drafts = async () =>
        (
          await t.database.query<{ status: string; channel: string; subject: string; description: string; citizen_id: string | null }>(
            "SELECT c.status, c.channel, c.subject, c.description, c.citizen_id FROM inbound_messages m JOIN cases c ON c.id = m.case_id WHERE m.tenant_id = $1 AND m.external_id LIKE 'assistant:%' AND m.sender_address = $2",
            [f.tenantId, phone],
          )
        ).rows;
      const [draft, ...more] = await drafts();
      expect(more).toEqual([]);
      expect(draft).toMatchObject({ status: 'draft', channel: 'sms', subject: `Call-back requested by SMS from ${phone}` });
      expect(draft!.citizen_id).not.toBeNull();
      expect(draft!.description).toContain('About: PET-2026-987654.');
      expect(draft!.description).toContain('identify:not_found');
      expect(draft!.description).not.toContain(unknownCnp);
      // Nothing was texted besides the dialog's own replies: a draft is not acknowledged.
      expect((await f.messagesTo(phone)).filter((m) => m.purpose === 'acknowledgement')).toEqual([]);
    });

    it('chat: the same dialog written', async () => {
      const { f, p } = fx.en;
      await transcript(chatDriver(p, f, 'en'), [
        [`status of ${f.cases.approved}`, new RegExp(f.cases.approved), h.registered],
        ['nothing else', h.goodbye],
      ]);
    });

    it('chat: a document ready for pickup — booking the pickup asks for the SMS code (L3), then books the slot chosen', async () => {
      const { f, p } = fx.en;
      const chat = chatDriver(p, f, 'en');
      await transcript(chat, [
        [`status of ${f.records.document}`, /is ready: you can pick it up at Registry, desk 2/, /book a pickup appointment/],
        ['book an appointment', h.code],
      ]);
      const code = await f.lastCode();
      const [slots] = await transcript(chat, [[code!, /The next free times are: 1: .+; 2: .+\. Say one, two or three\./]]);
      expect(slots!.text).toContain('Registry, desk 2');
      await transcript(chat, [
        ['one', /Your appointment is booked for/, /anything else/],
        ['no', h.goodbye],
      ]);
      const events = async (type: string) => Number((await t.database.query<{ n: string | number }>(`SELECT count(*) AS n FROM domain_events WHERE tenant_id = $1 AND type = $2`, [f.tenantId, type])).rows[0]!.n);
      expect(await events('appointment.booked')).toBe(1);

      // Calling again about the same document moves the appointment (the first time is taken now: one slot is left).
      const again = chatDriver(p, f, 'en');
      await transcript(again, [
        [`status of ${f.records.document}`, /is ready/],
        ['move my appointment', h.code],
      ]);
      await transcript(again, [
        [(await f.lastCode())!, /The next free times are: 1: [^;]+\. Say one/],
        ['one', /Your appointment has been moved to/],
      ]);
      expect(await events('appointment.rescheduled')).toBe(1);
    });

    it('a turn that cannot be served still puts the caller through to a person', async () => {
      const { f, p, general } = fx.en;
      const call = twilioDriver(p, general, randomMobile());
      // A conversation in a state this version does not know (written by a newer node, say).
      await t.c.db.insert(assistantConversations).values({ tenantId: f.tenantId, channel: 'voice', externalKey: `twilio:${call.callSid}`, callerKey: 'x', language: 'en', state: 'from_the_future' });
      const heard = await call.say('hello');
      expect(heard.next).toBe('transfer');
      expect((heard.raw as TwimlDoc).Response.Dial).toMatchObject({ '#text': p.dialNumber });
      expect(heard.text).toMatch(/putting you through|Vă fac legătura/);
    });

    it('a line with a transfer queue puts the caller in it: TwiML <Enqueue>, jambonz enqueue; without one, <Dial>; the operator sees the handover', async () => {
      const { f, p } = fx.en;
      // A queue name Twilio would not take is refused by the API, field by field (the service trusts the contract).
      const admin = await createStaff(t.c, f.tenantId, ['admin']);
      const cookie = (await login(t.app, admin.email)).cookie;
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/phone-lines', headers: { cookie }, payload: { number: randomMobile(), name: 'Bad queue', transferQueue: '<Queue>' } });
      expect(bad.statusCode, bad.body).toBe(422);
      expect(bad.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'transferQueue' })]));
      const made = await t.app.inject({ method: 'POST', url: '/api/v1/phone-lines', headers: { cookie }, payload: { number: randomMobile(), name: 'Queued line', disclosableKinds: ['case'], transferQueue: '  Front desk_1.ro  ' } });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ transferQueue: 'Front desk_1.ro' });
      const queued = made.json() as { id: string; number: string; version: number };

      const call = twilioDriver(p, queued.number, randomMobile());
      const heard = await transcript(call, [['', HEAR.ro.greeting], ['operator']]);
      const last = heard.at(-1)!;
      expect(last.next).toBe('transfer');
      const doc = last.raw as TwimlDoc;
      expect(doc.Response.Enqueue).toBe('Front desk_1.ro');
      expect(doc.Response.Dial).toBeUndefined();
      expect(doc.Response.Say!.map((x) => x['#text']).join(' ')).toMatch(/putting you through|Vă fac legătura/);
      // The call is recorded for the operator's console, with what the assistant collected.
      const [row] = await t.c.db.select({ id: calls.id }).from(calls).where(and(eq(calls.tenantId, f.tenantId), eq(calls.externalId, call.callSid)));
      expect(row).toBeDefined();
      const operator = await createStaff(t.c, f.tenantId, ['operator']);
      const handover = await t.app.inject({ method: 'GET', url: `/api/v1/calls/${row!.id}/assistant`, headers: { cookie: (await login(t.app, operator.email)).cookie } });
      expect(handover.statusCode, handover.body).toBe(200);
      expect(handover.json().handover).toMatchObject({ log: expect.arrayContaining(['transfer']) });

      const verbs = (await transcript(jambonzDriver(p, queued.number, randomMobile()), [['', HEAR.ro.greeting], ['operator']])).at(-1)!;
      expect(verbs.next).toBe('transfer');
      expect((verbs.raw as { verb: string }[]).map((v) => v.verb)).toEqual(['say', 'enqueue']);
      expect((verbs.raw as { verb: string; name?: string }[])[1]).toEqual({ verb: 'enqueue', name: 'Front desk_1.ro' });

      // Cleared (an empty string), the line dials the account's number again.
      const cleared = await t.app.inject({ method: 'PATCH', url: `/api/v1/phone-lines/${queued.id}`, headers: { cookie }, payload: { transferQueue: '', version: queued.version } });
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(cleared.json().transferQueue).toBeNull();
      const again = (await transcript(twilioDriver(p, queued.number, randomMobile()), [['', HEAR.ro.greeting], ['operator']])).at(-1)!;
      expect((again.raw as TwimlDoc).Response.Dial).toMatchObject({ '#text': p.dialNumber, '@timeout': '60' });
      expect((again.raw as TwimlDoc).Response.Enqueue).toBeUndefined();
    });

    it('a line whose voice is switched off takes no calls through the assistant either', async () => {
      const { f, p } = fx.en;
      const sys = systemContext(f.tenantId, 'test');
      const line = await t.c.channelConfig.createLine(sys, { number: randomMobile(), name: 'SMS only', sms: true, voice: false, categoryId: null, departmentId: null, disclosableKinds: ['case'] } as never);
      const heard = await twilioDriver(p, line.number, randomMobile()).say('');
      expect(heard.next).toBe('end');
      expect(heard.text).toMatch(/Niciun operator/);
      const rows = await t.c.db.select().from(assistantConversations).where(and(eq(assistantConversations.tenantId, f.tenantId), eq(assistantConversations.entryPointId, line.id)));
      expect(rows).toHaveLength(0);
    });

    it('forged or missing signatures get 403 and change nothing', async () => {
      const { f, p, general } = fx.en;
      const before = await tenantFootprint(t, f.tenantId);
      const params = { AccountSid: p.twilio.accountSid, CallSid: 'CAforged', From: randomMobile(), To: general, SpeechResult: 'status' };
      expect((await postSignedTwilio(p, '/api/v1/webhooks/twilio/assistant', params, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).status).toBe(403);
      const body = JSON.stringify({ call_sid: 'forged', from: randomMobile(), to: general });
      expect((await postSignedJambonz(p, body, signJambonz('not-the-secret', body))).status).toBe(403);
      expect((await postSignedJambonz(p, body, signJambonz(p.webhookSecret, body, new Date(Date.now() - 3_600_000)))).status).toBe(403);
      expect((await postSignedJambonz(p, body, '')).status).toBe(403);
      expect(await tenantFootprint(t, f.tenantId)).toEqual(before);
      const conversations = await t.c.db.select().from(assistantConversations).where(and(eq(assistantConversations.tenantId, f.tenantId), eq(assistantConversations.externalKey, 'twilio:CAforged')));
      expect(conversations).toHaveLength(0);
    });

    it('chat input is validated', async () => {
      const { f, p } = fx.en;
      const res = await fetch(`${p.base}/api/public/v1/institutions/${f.slug}/assistant/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entryPointId: 'nope', text: 5 }) });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    });
  });
});
