import { describe, expect, it } from 'vitest';
import { checkPage, screenshot, TEXTS } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { MARIA } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * The agenda from a person's page (issue 18): the demo administrative assistant books an
 * appointment for a basic-services technician of her team, is refused a second one over it (the
 * conflict named, with the way to book anyway) and books it anyway; the technician then finds it
 * in her week view. The bookings change the demo's agenda, so this file has a server of its own.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });
const words = TEXTS.en.agenda;

describe('the agenda', () => {
  it('lets an assistant book for a technician from a person’s page, who sees it in her week', async () => {
    const { baseUrl } = suite;
    const assistant = await apiLogin(baseUrl, { username: 'aux-admin' });
    const found = expectStatus(
      await assistant.call<{ items: { id: string; givenName: string; firstSurname: string }[] }>(
        'GET',
        `/api/persons?q=${encodeURIComponent(MARIA.name)}`,
      ),
      200,
      'person search',
    );
    const maria = found.items.find((p) => p.givenName === 'María' && p.firstSurname === 'García')!;
    const people = expectStatus(
      await assistant.call<{
        professionals: { id: string; name: string; canBook: boolean }[];
        teams: { id: string; name: string }[];
      }>('GET', '/api/agenda/people'),
      200,
      'agenda people',
    );
    const technician = people.professionals.find((p) => p.name === 'Marta Puig Serra')!;
    expect(technician.canBook).toBe(true);
    // A free hour of hers in working hours, from the server (working days and holidays are its).
    const next = expectStatus(
      await assistant.call<{ slot: { startsAt: string; endsAt: string } | null }>(
        'GET',
        `/api/agenda/next-free?professionalId=${technician.id}&minutes=60`,
      ),
      200,
      'next free slot',
    );
    const slot = next.slot!;
    const day = slot.startsAt.slice(0, 10);
    const [start, end] = [slot.startsAt.slice(11), slot.endsAt.slice(11)];

    const opened = await suite.openAs(
      { username: 'aux-admin' },
      { locale: 'en', path: `/persons/${maria.id}` },
    );
    const { page } = opened;
    try {
      const card = page.getByRole('region', { name: words.person.title });
      await card.waitFor();
      const book = async () => {
        await card.getByRole('button', { name: words.person.book }).click();
        const dialog = page.getByRole('dialog', { name: words.form.title });
        await dialog.waitFor();
        await expect
          .poll(() => dialog.getByRole('list', { name: words.form.pickedLabel }).textContent())
          .toContain(MARIA.name);
        await dialog
          .getByLabel(words.form.professional)
          .selectOption({ label: 'Marta Puig Serra' });
        await dialog.getByRole('textbox', { name: words.form.date, exact: true }).fill(day);
        await dialog.getByRole('textbox', { name: words.form.start, exact: true }).fill(start);
        await dialog.getByRole('textbox', { name: words.form.end, exact: true }).fill(end);
        await dialog.getByLabel(words.form.place).selectOption({ label: words.places.home_visit });
        await dialog.getByRole('button', { name: words.form.submit, exact: true }).click();
        return dialog;
      };

      // The first booking goes through: the card tells when and with whom, and lists it.
      const first = await book();
      await page.getByText('Appointment booked with Marta Puig Serra', { exact: false }).waitFor();
      expect(await first.isVisible()).toBe(false);
      await card.getByRole('button', { name: words.places.home_visit }).first().waitFor();
      await checkPage(page, 'agenda-person-booked');

      // The same hour again: refused, the conflicting appointment named, "book anyway" offered.
      const second = await book();
      const refusal = second.getByRole('alert');
      await refusal.getByRole('button', { name: words.confirm.bookAnyway }).waitFor();
      expect(await refusal.getByRole('listitem').count()).toBeGreaterThan(0);
      await checkPage(page, 'agenda-conflict');
      await refusal.getByRole('button', { name: words.confirm.bookAnyway }).click();
      await expect.poll(() => second.isVisible()).toBe(false);
      await expect
        .poll(() => card.getByRole('button', { name: words.places.home_visit }).count())
        .toBe(2);

      // The team's day: a column per professional, the printable day list on paper.
      const team = people.teams.find((t) => t.name === 'Equip Nord')!;
      await page.goto(`/agenda?who=t:${team.id}&view=day&date=${day}`);
      const teamEntries = page.getByRole('button', { name: new RegExp(MARIA.name) });
      await expect.poll(() => teamEntries.count()).toBe(2);
      await checkPage(page, 'agenda-team-day');
      await page.goto(`/agenda?who=t:${team.id}&date=${day}`);
      await expect.poll(() => teamEntries.count()).toBe(2);
      await checkPage(page, 'agenda-team-week');
      await page.emulateMedia({ media: 'print' });
      const printed = page.getByRole('heading', { name: /^Day list: / });
      expect(await printed.isVisible()).toBe(true);
      await screenshot(page, 'agenda-print-day');
      await page.emulateMedia({ media: 'screen' });
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.context.close();
    }

    // The technician's week view shows both, at the entity's wall time (the browser is elsewhere).
    const ssb = await suite.openAs({ username: 'tech-ssb' }, { locale: 'en', path: '/' });
    try {
      await ssb.page
        .getByRole('link', { name: TEXTS.en.navigation.sections.agenda, exact: true })
        .click();
      await ssb.page.getByRole('heading', { level: 1, name: words.title }).waitFor();
      await ssb.page.getByLabel(words.goToDate).fill(day);
      await ssb.page
        .getByRole('group', { name: words.viewLabel })
        .getByRole('button', { name: words.views.week })
        .click();
      const entries = ssb.page.getByRole('button', { name: new RegExp(MARIA.name) });
      await expect.poll(() => entries.count()).toBe(2);
      const label = (await entries.first().getAttribute('aria-label')) ?? '';
      expect(label).toContain(words.places.home_visit);
      const shown = await entries.first().textContent();
      expect(shown).toMatch(new RegExp(`^${timeIn12Or24(start)}`));
      await checkPage(ssb.page, 'agenda-week-technician');

      // She cancels one (a reason is required), which the list then shows struck through.
      await entries.first().click();
      const detail = ssb.page.getByRole('dialog', { name: words.detail.title });
      await detail.getByRole('button', { name: words.detail.cancel }).click();
      const cancelForm = detail.getByRole('form', { name: words.detail.cancelTitle });
      await cancelForm.getByRole('button', { name: words.detail.cancelConfirm }).click();
      await cancelForm.getByText(words.detail.reasonRequired).waitFor();
      await cancelForm.getByLabel(words.detail.reason).fill('The person asked to move it');
      await cancelForm.getByRole('button', { name: words.detail.cancelConfirm }).click();
      await ssb.page.getByText(words.detail.cancelled).first().waitFor();
      await detail.getByText(words.states.cancelled).waitFor();
      await detail.getByRole('button', { name: words.detail.close }).click();
      await expect.poll(() => entries.count()).toBe(1);
      await ssb.page
        .getByRole('group', { name: words.viewLabel })
        .getByRole('button', { name: words.views.list })
        .click();
      const listed = ssb.page.getByRole('button', { name: new RegExp(MARIA.name) });
      await expect.poll(() => listed.count()).toBe(2);
      await checkPage(ssb.page, 'agenda-list-technician');
      expect(ssb.pageErrors).toEqual([]);
    } finally {
      await ssb.context.close();
    }
  });
});

describe('time outside working hours, blocked time and the home page', () => {
  it('asks to confirm a Saturday, lets a coordinator block a team’s time, and shows today on the home page', async () => {
    const { baseUrl } = suite;
    const assistant = await apiLogin(baseUrl, { username: 'aux-admin' });
    const found = expectStatus(
      await assistant.call<{ items: { id: string; givenName: string; firstSurname: string }[] }>(
        'GET',
        `/api/persons?q=${encodeURIComponent(MARIA.name)}`,
      ),
      200,
      'person search',
    );
    const maria = found.items.find((p) => p.givenName === 'María' && p.firstSurname === 'García')!;
    const people = expectStatus(
      await assistant.call<{ professionals: { id: string; name: string }[] }>(
        'GET',
        '/api/agenda/people',
      ),
      200,
      'agenda people',
    );
    const marta = people.professionals.find((p) => p.name === 'Marta Puig Serra')!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(
      new Date(),
    );
    // Today just after midnight, in the past or not: the home page lists the day's appointments.
    expectStatus(
      await assistant.call('POST', '/api/appointments', {
        professionalId: marta.id,
        personIds: [maria.id],
        startsAt: `${today}T00:05`,
        endsAt: `${today}T00:35`,
        place: 'phone',
        force: true,
        confirmOutsideHours: true,
      }),
      201,
      'a booking today',
    );
    const saturday = nextWeekday(today, 6);

    // A Saturday: the form says why and books only once confirmed.
    const opened = await suite.openAs(
      { username: 'aux-admin' },
      { locale: 'en', path: `/persons/${maria.id}` },
    );
    try {
      const { page } = opened;
      const card = page.getByRole('region', { name: words.person.title });
      await card.getByRole('button', { name: words.person.book }).click();
      const dialog = page.getByRole('dialog', { name: words.form.title });
      await dialog.getByLabel(words.form.professional).selectOption({ label: 'Marta Puig Serra' });
      await dialog.getByRole('textbox', { name: words.form.date, exact: true }).fill(saturday);
      await dialog.getByRole('textbox', { name: words.form.start, exact: true }).fill('10:00');
      await dialog.getByRole('textbox', { name: words.form.end, exact: true }).fill('10:30');
      await dialog.getByRole('button', { name: words.form.submit, exact: true }).click();
      const refusal = dialog.getByRole('alert');
      await refusal.getByRole('button', { name: words.confirm.outsideAnyway }).waitFor();
      // Why: no working hours on Saturdays (or, some years, a holiday on that Saturday).
      expect(await refusal.textContent()).toMatch(/is not a working day|is a public holiday/);
      await refusal.getByRole('button', { name: words.confirm.outsideAnyway }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.context.close();
    }

    // The coordinator blocks an hour of three agendas at once, and sees it in the team's week.
    const coordinator = await suite.openAs(
      { username: 'coordinator' },
      { locale: 'en', path: '/agenda' },
    );
    try {
      const { page } = coordinator;
      await page.getByRole('button', { name: words.blockTime, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: words.block.title });
      await dialog.getByLabel(words.block.what).fill('Team meeting');
      for (const name of [words.block.me, 'Marta Puig Serra', 'Núria Casas Font']) {
        await dialog.getByRole('checkbox', { name, exact: true }).check();
      }
      await dialog.getByRole('textbox', { name: words.form.date, exact: true }).fill(saturday);
      await dialog.getByRole('textbox', { name: words.form.start, exact: true }).fill('12:00');
      await dialog.getByRole('textbox', { name: words.form.end, exact: true }).fill('13:00');
      await dialog.getByRole('button', { name: words.block.submit }).click();
      // A Saturday again: confirmed outside working hours.
      await dialog
        .getByRole('alert')
        .getByRole('button', { name: words.confirm.outsideAnyway })
        .click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await page.goto(`/agenda?date=${saturday}&view=day`);
      await page
        .getByRole('button', { name: /Team meeting/ })
        .first()
        .waitFor();
      await checkPage(page, 'agenda-blocked-time');
      expect(coordinator.pageErrors).toEqual([]);
    } finally {
      await coordinator.context.close();
    }

    // The technician's home page: today's appointment.
    const ssb = await suite.openAs({ username: 'tech-ssb' }, { locale: 'en', path: '/' });
    try {
      const today = ssb.page.getByRole('region', { name: words.home.title });
      await today.getByText(MARIA.name, { exact: false }).first().waitFor();
      await checkPage(ssb.page, 'agenda-home-today');
      expect(ssb.pageErrors).toEqual([]);
    } finally {
      await ssb.context.close();
    }
  });
});

describe('a week of appointments for two technicians', () => {
  it('is booked by the assistant and seen by each technician in her week and day views', async () => {
    const { baseUrl } = suite;
    const assistant = await apiLogin(baseUrl, { username: 'aux-admin' });
    const found = expectStatus(
      await assistant.call<{ items: { id: string; givenName: string; firstSurname: string }[] }>(
        'GET',
        `/api/persons?q=${encodeURIComponent(MARIA.name)}`,
      ),
      200,
      'person search',
    );
    const maria = found.items.find((p) => p.givenName === 'María' && p.firstSurname === 'García')!;
    const people = expectStatus(
      await assistant.call<{ professionals: { id: string; name: string; canBook: boolean }[] }>(
        'GET',
        '/api/agenda/people',
      ),
      200,
      'agenda people',
    );
    // Two technicians of her teams: the basic-services one and the first other she books for.
    const technicians: { username: string; id: string }[] = [];
    for (const username of ['tech-ssb', 'tech-siad', 'tech-eaia', 'tech-immigration']) {
      const me = expectStatus(
        await (await apiLogin(baseUrl, { username })).call<{ id: string }>('GET', '/api/me'),
        200,
        `who is ${username}`,
      );
      if (people.professionals.some((p) => p.id === me.id && p.canBook)) {
        technicians.push({ username, id: me.id });
      }
      if (technicians.length === 2) break;
    }
    expect(technicians).toHaveLength(2);
    // A week three weeks ahead, Monday to Friday at noon (booked over anything the demo holds
    // there: the conflict itself is the first test's).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(
      new Date(),
    );
    const monday = nextWeekday(nextWeekday(nextWeekday(today, 1), 1), 1);
    const days = [0, 1, 2, 3, 4].map((n) => {
      const d = new Date(`${monday}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + n);
      return d.toISOString().slice(0, 10);
    });
    for (const technician of technicians) {
      for (const day of days) {
        expectStatus(
          await assistant.call('POST', '/api/appointments', {
            professionalId: technician.id,
            personIds: [maria.id],
            startsAt: `${day}T12:00`,
            endsAt: `${day}T12:45`,
            place: 'office',
            force: true,
            confirmOutsideHours: true,
          }),
          201,
          `book ${technician.username} on ${day}`,
        );
      }
    }

    for (const technician of technicians) {
      const opened = await suite.openAs(
        { username: technician.username },
        { locale: 'en', path: `/agenda?view=week&date=${monday}` },
      );
      try {
        const { page } = opened;
        await page.getByRole('heading', { level: 1, name: words.title }).waitFor();
        const entries = page.getByRole('button', { name: new RegExp(MARIA.name) });
        // Her week: the five, one a day.
        await expect.poll(() => entries.count()).toBe(5);
        await checkPage(page, `agenda-week-of-five-${technician.username}`);
        // Her Wednesday: the one of that day.
        await page.goto(`/agenda?view=day&date=${days[2]}`);
        await page.getByRole('heading', { level: 1, name: words.title }).waitFor();
        await expect.poll(() => entries.count()).toBe(1);
        expect(await entries.first().getAttribute('aria-label')).toContain(words.places.office);
        expect(opened.pageErrors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    }
  });
});

/** The next date after `date` that falls on `weekday` (1 Monday … 7 Sunday). */
function nextWeekday(date: string, weekday: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while ((d.getUTCDay() || 7) !== weekday);
  return d.toISOString().slice(0, 10);
}

/** The start as the English console writes it: `09:00 AM` or `09:00` (no zone conversion). */
function timeIn12Or24(time: string): string {
  const formatted = new Intl.DateTimeFormat('en', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`1970-01-01T${time}:00Z`));
  return formatted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
