import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@caliu/common';
import { serverLocales } from '../i18n';
import { maskPhone, messageIdFor } from './addresses';
import { retryDelayMs } from './backoff';
import { safeErrorText } from './delivery-error';
import { messagingConfig } from '../../testing/messaging';
import { MissingTranslationError, strictTranslator } from './render';
import { findTemplate, TEMPLATES, TemplateDataError } from './templates';

const LINK = 'https://caliu.test.example/activate#token=00000000-0000-0000-0000-000000000000.x';

const render = (
  name: string,
  data: Record<string, unknown>,
  language: (typeof LANGUAGES)[number] = 'en',
) =>
  findTemplate(name)!.render({
    data,
    language,
    entityName: 'Ajuntament de Prova',
    entityCode: 'prova',
    link: LINK,
    linkTtlHours: 72,
  });

describe('message templates', () => {
  it('render every template in every language, with no text missing', () => {
    expect(TEMPLATES.map((t) => t.name).sort()).toEqual([
      'appointment_cancelled',
      'appointment_cancelled_sms',
      'appointment_confirmation',
      'appointment_confirmation_sms',
      'appointment_reminder',
      'appointment_reminder_sms',
      'assignment',
      'calendar_feed',
      'caseload_handed_over',
      'coordinator_request',
      'coordinator_request_closed',
      'help_request_received',
      'help_requests_waiting',
      'login_throttled',
      'password_reset',
      'professional_activation',
      'professional_activation_sms',
      'role_change',
      'support_request_confirmation',
      'support_ticket_comment',
      'support_ticket_status',
    ]);
    for (const template of TEMPLATES) {
      const subjects = new Set<string>();
      for (const language of LANGUAGES) {
        const out = render(template.name, template.example, language);
        const texts = out.channel === 'email' ? [out.subject, out.text, out.html] : [out.text];
        for (const text of texts) {
          expect(text.length, `${template.name}/${language}`).toBeGreaterThan(10);
          expect(text, `${template.name}/${language}`).not.toMatch(/\{\{|\}\}|undefined/);
        }
        if (template.linkPath) expect(texts.join(' ')).toContain(LINK);
        subjects.add(out.channel === 'email' ? out.subject : out.text);
      }
      expect(subjects.size, `${template.name}: one text per language`).toBe(LANGUAGES.length);
    }
  });

  it('tell a whole caseload in one message, counts only, in every language', () => {
    const data = {
      givenName: 'Marta',
      assignedBy: 'Agent de Suport',
      recordType: 'caseload',
      role: 'referent',
      caseFiles: 12,
      persons: 1,
    };
    const subjects = new Set<string>();
    for (const language of LANGUAGES) {
      const out = render('assignment', data, language);
      if (out.channel !== 'email') throw new Error('an email');
      expect(out.text, language).toContain('12');
      expect(out.text, language).not.toMatch(/\{\{|\}\}|undefined/);
      subjects.add(out.subject);
    }
    expect(subjects.size).toBe(LANGUAGES.length);
    const en = render('assignment', data, 'en');
    expect(en.text).toContain(
      'Agent de Suport has made you the referent of 12 case files and of 1 person record in Caliu',
    );
  });

  it('fail on a missing text or a missing value, in any language', () => {
    const templates = serverLocales.it.messaging as {
      templates: Record<string, Record<string, string>>;
    };
    const saved = templates.templates.password_reset!.subject!;
    delete templates.templates.password_reset!.subject;
    try {
      expect(() => render('password_reset', { givenName: 'Anna' }, 'it')).toThrow(
        MissingTranslationError,
      );
      expect(() => render('password_reset', { givenName: 'Anna' }, 'es')).not.toThrow();
    } finally {
      templates.templates.password_reset!.subject = saved;
    }
    const t = strictTranslator('ca', 'messaging.templates.password_reset');
    expect(() => t('no_such_text')).toThrow(/ca:messaging.templates.password_reset.no_such_text/);
    expect(() => t('common.greeting')).toThrow(/needs the value "givenName"/);
  });

  it('elide de before a vowel sound in Catalan emails, and leave the other languages alone', () => {
    const intro = (language: 'ca' | 'es', professionalName: string) =>
      strictTranslator(language, 'messaging.templates.role_change')('intro', {
        changedBy: 'Marta Vidal',
        professionalName,
        username: 'user',
        entityName: 'Consell',
      });
    expect(intro('ca', 'Anna Puig')).toContain("els rols d'Anna Puig (user)");
    expect(intro('ca', 'Joan Puig')).toContain('els rols de Joan Puig (user)');
    expect(intro('es', 'Anna Puig')).toContain('de Anna Puig');
  });

  it('escape data in the HTML part: a name with <script> arrives as text', () => {
    const out = render('professional_activation', {
      givenName: '<script>alert("x")</script>',
      username: 'a&b',
      entityName: 'Ajuntament "de" Prova',
    });
    if (out.channel !== 'email') throw new Error('expected an email');
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out.html).toContain('a&amp;b');
    expect(out.text).toContain('Hello <script>alert("x")</script>,');
    expect(out.subject).toBe('Your Caliu account at Ajuntament "de" Prova');
  });

  it('never interpolate inside data: a value that looks like a placeholder stays as it is', () => {
    const out = render('password_reset', { givenName: '{{entityName}}' });
    expect(out.text).toContain('Hello {{entityName}},');
  });

  it('name the entity code that signing in asks for, in the messages that lead there', () => {
    const data = { givenName: 'Anna', username: 'anna.puig' };
    for (const name of ['professional_activation', 'password_reset']) {
      const out = render(name, data, 'ca');
      expect(out.channel === 'email' && out.text).toContain(
        'escriviu prova (o el nom, Ajuntament de Prova)',
      );
    }
    const sms = render('professional_activation_sms', data, 'es');
    expect(sms.channel === 'sms' && sms.text).toContain('entidad prova');
  });

  it('refuse bad data and a missing link as permanent errors', () => {
    expect(() => render('password_reset', { givenName: '' })).toThrow(TemplateDataError);
    expect(() =>
      findTemplate('password_reset')!.render({
        data: { givenName: 'Anna' },
        language: 'ca',
        entityName: 'E',
        entityCode: 'e',
        link: null,
        linkTtlHours: null,
      }),
    ).toThrow(/needs a secret link/);
  });
});

describe('messaging helpers', () => {
  it('back off exponentially with jitter, up to the ceiling', () => {
    const options = { baseMs: 1000, maxMs: 60_000 };
    expect(retryDelayMs(1, options, () => 0)).toBe(500);
    expect(retryDelayMs(1, options, () => 1)).toBe(1000);
    expect(retryDelayMs(3, options, () => 0)).toBe(2000);
    expect(retryDelayMs(3, options, () => 1)).toBe(4000);
    expect(retryDelayMs(20, options, () => 1)).toBe(60_000);
    const spread = new Set(Array.from({ length: 20 }, () => retryDelayMs(4, options)));
    expect(spread.size).toBeGreaterThan(5);
  });

  it('derive a stable Message-ID from the entity and the idempotency key', () => {
    const config = messagingConfig();
    const a = messageIdFor(config, '11111111-1111-1111-1111-111111111111', 'activation:1');
    expect(a).toMatch(/^<[0-9a-f]{40}@caliu\.test\.example>$/);
    expect(messageIdFor(config, '11111111-1111-1111-1111-111111111111', 'activation:1')).toBe(a);
    expect(messageIdFor(config, '11111111-1111-1111-1111-111111111111', 'activation:2')).not.toBe(
      a,
    );
    expect(messageIdFor(config, '22222222-2222-2222-2222-222222222222', 'activation:1')).not.toBe(
      a,
    );
  });

  it('keep tokens and query parameters out of a stored error', () => {
    const token = `${'0f3c1a2b-1111-2222-3333-444455556666'}.${'A'.repeat(43)}`;
    const wrapped = Object.assign(new Error(`Failed query: insert … params: …#token=${token}`), {
      cause: new Error('could not write to the mailbox'),
    });
    expect(safeErrorText(wrapped)).toBe('could not write to the mailbox');
    expect(safeErrorText(new Error(`refused https://x/activate#token=${token}`))).toBe(
      'refused https://x/activate#token=[token]',
    );
  });

  it('mask a phone number to its last 3 digits', () => {
    expect(maskPhone('+34 612 345 678')).toBe('•••••678');
    expect(maskPhone('612345678')).not.toContain('612345');
  });
});
