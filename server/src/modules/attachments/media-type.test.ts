import { describe, expect, it } from 'vitest';
import {
  elfExecutable,
  heicPhoto,
  jpegPhoto,
  minimalDocx,
  minimalOds,
  minimalOdt,
  minimalPdf,
  minimalPng,
  minimalXlsx,
  plainText,
  plainZip,
  windowsExecutable,
} from '../../testing/attachment-files';
import { contentDisposition } from './present';
import { detectMediaType } from './media-type';

/** The type of an attachment is decided by its content (file-type), never by its name. */
describe('attachment type detection', () => {
  it.each([
    ['a PDF', minimalPdf(), 'application/pdf'],
    ['a PNG', minimalPng(), 'image/png'],
    ['a JPEG', jpegPhoto(), 'image/jpeg'],
    ['a HEIC photograph', heicPhoto(), 'image/heic'],
    [
      'a Word document',
      minimalDocx(),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'an Excel workbook',
      minimalXlsx(),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['an OpenDocument text', minimalOdt(), 'application/vnd.oasis.opendocument.text'],
    ['an OpenDocument spreadsheet', minimalOds(), 'application/vnd.oasis.opendocument.spreadsheet'],
  ])('accepts %s', async (_what, content, type) => {
    expect(await detectMediaType(content)).toBe(type);
  });

  it.each([
    ['a Linux executable', elfExecutable()],
    ['a Windows executable', windowsExecutable()],
    ['plain text', plainText()],
    ['a ZIP that is not an office document', plainZip()],
    ['nothing recognisable', Buffer.alloc(64, 7)],
    ['a truncated office document', minimalDocx().subarray(0, 40)],
  ])('refuses %s', async (_what, content) => {
    expect(await detectMediaType(content)).toBeNull();
  });

  it('offers the stored name back as an attachment, encoded (RFC 6266)', () => {
    expect(contentDisposition('informe.pdf')).toBe(
      `attachment; filename="informe.pdf"; filename*=UTF-8''informe.pdf`,
    );
    expect(contentDisposition('Informe "mèdic" 100%.pdf')).toBe(
      `attachment; filename="Informe _medic_ 100_.pdf"; ` +
        `filename*=UTF-8''Informe%20%22m%C3%A8dic%22%20100%25.pdf`,
    );
    expect(contentDisposition('报告.pdf')).toMatch(/^attachment; filename="\.pdf"; filename\*=/);
  });
});
