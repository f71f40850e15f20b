import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, focusedElement, signIn, TEXTS } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { useBrowserSuite } from './suite';

/**
 * The demo technician attaches a scanned report to one of her case files from the console — the
 * file picker the drop zone opens, the document's details, the progress to 100 % — downloads it,
 * and previews a photograph in the dialog; a colleague outside the case file can neither reach
 * the document nor learn that it exists. Uploads change what the demo holds: a server of its own.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });
const words = TEXTS.en.attachments;

/** A one-page PDF that readers open ("Informe social" written on it), its offsets exact. */
function minimalPdf(): Buffer {
  const text = 'BT /F1 18 Tf 20 40 Td (Informe social) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 240 100] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A PNG chunk: length, type, data, and the CRC of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small PNG (24 × 16, RGB): an ember square on a warm background. */
function tinyPng(): Buffer {
  const [width, height] = [24, 16];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bits per sample
  header.writeUInt8(2, 9); // truecolour
  const rows: number[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0); // no filter
    for (let x = 0; x < width; x += 1) {
      const ember = x >= 6 && x < 18 && y >= 3 && y < 13;
      rows.push(...(ember ? [176, 63, 18] : [250, 246, 240]));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const folder = mkdtempSync(join(tmpdir(), 'caliu-attachments-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function fileOnDisk(name: string, bytes: Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

/** Chooses a file through the picker that the drop zone (a button) opens. */
async function chooseFile(page: Page, panel: Locator, path: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    panel.getByRole('button', { name: words.drop.choose }).click(),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(path);
}

/** Fills a chosen file's details and attaches it; resolves once it is attached (100 %). */
async function attach(
  panel: Locator,
  { file, title, category }: { file: string; title: string; category: string },
): Promise<Locator> {
  const form = panel.getByRole('form', { name: fill(words.form.label, { file }) });
  await form.getByLabel(words.form.title).fill(title);
  await form.getByLabel(words.form.category).selectOption({ label: category });
  await form.getByRole('button', { name: words.form.submit }).click();
  const progress = panel.getByRole('progressbar', {
    name: fill(words.upload.progress, { title }),
  });
  await expect.poll(() => progress.getAttribute('aria-valuenow')).toBe('100');
  await panel
    .getByRole('status')
    .filter({ hasText: fill(words.upload.done, { title }) })
    .waitFor();
  return progress;
}

describe('attachments', () => {
  it('a technician attaches a report to her case file, downloads it and previews a photo; a colleague outside it cannot reach them', async () => {
    const { baseUrl } = suite;
    const technician = await apiLogin(baseUrl, { username: 'tech-ssb' });
    const own = expectStatus(
      await technician.call<{ items: { id: string; number: string }[] }>(
        'GET',
        '/api/case-files?limit=1',
      ),
      200,
      'her case files',
    );
    const caseFile = own.items[0]!;
    const categories = expectStatus(
      await technician.call<{ items: { code: string; label: string }[] }>(
        'GET',
        '/api/attachments/categories',
      ),
      200,
      'document categories',
    );
    const label = (code: string) => categories.items.find((item) => item.code === code)!.label;
    const pdf = minimalPdf();
    const pdfPath = fileOnDisk('informe-social.pdf', pdf);
    const pngPath = fileOnDisk('foto-domicili.png', tinyPng());

    const { context, page, pageErrors } = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en', path: `/case-files/${caseFile.id}` },
    );
    try {
      const panel = page.getByRole('region', { name: words.title });
      await panel.getByText(words.list.empty).waitFor();

      // A scanned report: its title starts as the file's name, without the extension.
      await chooseFile(page, panel, pdfPath);
      const form = panel.getByRole('form', {
        name: fill(words.form.label, { file: 'informe-social.pdf' }),
      });
      expect(await form.getByLabel(words.form.title).inputValue()).toBe('informe-social');
      expect((await focusedElement(page)).tag).toBe('input');
      await form.getByLabel(words.form.category).selectOption({ label: label('health') });
      await checkPage(page, 'attachments-form');
      await attach(panel, {
        file: 'informe-social.pdf',
        title: 'Informe social',
        category: label('health'),
      });
      // The keyboard user hears that it is attached, where they are.
      expect((await focusedElement(page)).text).toBe(
        fill(words.upload.done, { title: 'Informe social' }),
      );
      const list = panel.getByRole('list', { name: words.list.label });
      await list.getByText('Informe social').waitFor();
      await list.getByText(label('health')).waitFor();
      await checkPage(page, 'attachments-uploaded');

      // Downloaded as it was sent, under its own name.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        list
          .getByRole('link', { name: fill(words.list.downloadNamed, { title: 'Informe social' }) })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe('informe-social.pdf');
      expect(readFileSync(await download.path()).equals(pdf)).toBe(true);

      // A photograph: previewed in the console, its image read into the page's memory.
      await panel.getByRole('button', { name: TEXTS.en.common.close }).click();
      await chooseFile(page, panel, pngPath);
      await attach(panel, {
        file: 'foto-domicili.png',
        title: 'Foto del domicili',
        category: label('other'),
      });
      await list.getByText('Foto del domicili').waitFor();
      // Two categories: the list can show one of them.
      const filters = panel.getByRole('group', { name: words.filter.label });
      await filters.getByRole('button', { name: new RegExp(`^${label('other')}`) }).click();
      await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
      await filters.getByRole('button', { name: fill(words.filter.all, { count: '2' }) }).click();
      await expect.poll(() => list.getByRole('listitem').count()).toBe(2);

      await list
        .getByRole('button', {
          name: fill(words.list.previewNamed, { title: 'Foto del domicili' }),
        })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Foto del domicili' });
      const image = dialog.getByRole('img', {
        name: fill(words.preview.alt, { title: 'Foto del domicili' }),
      });
      await image.waitFor();
      expect(await image.getAttribute('src')).toMatch(/^blob:/);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
      await checkPage(page, 'attachments-preview');
      await dialog.getByRole('button', { name: TEXTS.en.common.close }).click();
      await dialog.waitFor({ state: 'hidden' });

      // An interview's own document, from its entry in the timeline (folded until opened).
      const interview = page.locator('li[data-kind="intervention"]:not([data-event])').first();
      await interview.getByText(words.item.attach).click();
      await chooseFile(page, interview, pdfPath);
      await attach(interview, {
        file: 'informe-social.pdf',
        title: 'Acta de l’entrevista',
        category: label('consent'),
      });
      await interview.getByText(fill(words.item.summary, { count: '1' })).waitFor();
      await checkPage(page, 'attachments-item');
      // The case file's list shows it, and on what, once asked to.
      await panel.getByLabel(words.includeItems).check();
      await list.getByText('Acta de l’entrevista').waitFor();
      await list.getByText(words.list.on.intervention, { exact: false }).waitFor();

      // Its uploader deletes the photograph, asked first; the trace stays in the audit log.
      await list
        .getByRole('button', { name: fill(words.list.deleteNamed, { title: 'Foto del domicili' }) })
        .click();
      await list.getByRole('button', { name: words.list.deleteConfirm }).click();
      await panel
        .getByRole('status')
        .filter({ hasText: fill(words.list.deleted, { title: 'Foto del domicili' }) })
        .waitFor();
      await expect.poll(() => list.getByText('Foto del domicili').count()).toBe(0);

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }

    // A colleague outside the case file: the documents are "not found", like the case file.
    const listed = expectStatus(
      await technician.call<{ items: { id: string; title: string }[] }>(
        'GET',
        `/api/attachments?ownerType=case_file&ownerId=${caseFile.id}`,
      ),
      200,
      'the case file’s documents',
    );
    expect(listed.items.map((item) => item.title)).toEqual(['Informe social']);
    const outsider = await apiLogin(baseUrl, { username: 'tech-immigration' });
    const theirList = await outsider.call(
      'GET',
      `/api/attachments?ownerType=case_file&ownerId=${caseFile.id}`,
    );
    expect(theirList.status).toBe(404);
    for (const item of listed.items) {
      expect((await outsider.call('GET', `/api/attachments/${item.id}/content`)).status).toBe(404);
    }
    const { context: otherContext, page: otherPage } = await suite.open({ locale: 'en' });
    try {
      await signIn(otherPage, { username: 'tech-immigration' }, `/case-files/${caseFile.id}`);
      await expectHeading(otherPage, TEXTS.en.notFound.title);
      expect(await otherPage.getByRole('region', { name: words.title }).count()).toBe(0);
    } finally {
      await otherContext.close();
    }
  });
});
