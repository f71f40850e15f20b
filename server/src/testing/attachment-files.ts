import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * Small real files for the attachments' tests: a PDF, office documents (ZIP containers written
 * here, entries stored), and the photographs committed under modules/attachments/fixtures/ (an
 * 8×8 JPEG and a 16×16 HEIC made with ImageMagick). Each is the smallest file of its kind that
 * its readers open, not a header alone.
 */

const FIXTURES = new URL('../modules/attachments/fixtures/', import.meta.url);

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A one-page PDF with a line of text, its cross-reference table at the right offsets. */
export function minimalPdf(text = 'Informe'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG (signature, IHDR, IDAT, IEND). */
export function minimalPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  // One row: filter byte 0 and one RGB pixel, deflated (zlib stream of a stored block).
  const raw = Buffer.from([0, 0xc0, 0x39, 0x2b]);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(adler32(raw));
  const stored = Buffer.concat([
    Buffer.from([0x78, 0x01, 0x01, raw.length, 0, ~raw.length & 0xff, 0xff]),
    raw,
    adler,
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', stored),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export const jpegPhoto = () => readFileSync(new URL('scan.jpg', FIXTURES));
export const heicPhoto = () => readFileSync(new URL('photo.heic', FIXTURES));

/** A ZIP archive of these entries, stored (not compressed), in this order. */
export function zip(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const OOXML_RELS =
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/' +
  'relationships/officeDocument" Target="%TARGET%"/></Relationships>';

function contentTypes(part: string, type: string) {
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${part}" ContentType="${type}"/></Types>`
  );
}

/** A Word document with one paragraph. */
export function minimalDocx(): Buffer {
  return zip([
    [
      '[Content_Types].xml',
      contentTypes(
        'word/document.xml',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      ),
    ],
    ['_rels/.rels', OOXML_RELS.replace('%TARGET%', 'word/document.xml')],
    [
      'word/document.xml',
      `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
        '<w:body><w:p><w:r><w:t>Informe escolar</w:t></w:r></w:p></w:body></w:document>',
    ],
  ]);
}

/** An Excel workbook with one sheet and one cell. */
export function minimalXlsx(): Buffer {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip([
    [
      '[Content_Types].xml',
      contentTypes(
        'xl/workbook.xml',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      ).replace(
        '</Types>',
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/' +
          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    ],
    ['_rels/.rels', OOXML_RELS.replace('%TARGET%', 'xl/workbook.xml')],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>` +
        '<sheet name="Full1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/worksheets/sheet1.xml',
      `${XML}<worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1"><v>42</v></c></row>` +
        '</sheetData></worksheet>',
    ],
  ]);
}

function openDocument(mime: string, body: string): Buffer {
  const office = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
  return zip([
    // The first entry, stored: what identifies an OpenDocument.
    ['mimetype', mime],
    [
      'META-INF/manifest.xml',
      `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" ` +
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" ' +
        `manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" ` +
        'manifest:media-type="text/xml"/></manifest:manifest>',
    ],
    [
      'content.xml',
      `${XML}<office:document-content xmlns:office="${office}" ` +
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">' +
        `<office:body>${body}</office:body></office:document-content>`,
    ],
  ]);
}

export const minimalOdt = () =>
  openDocument(
    'application/vnd.oasis.opendocument.text',
    '<office:text><text:p>Consentiment signat</text:p></office:text>',
  );

export const minimalOds = () =>
  openDocument(
    'application/vnd.oasis.opendocument.spreadsheet',
    '<office:spreadsheet><table:table table:name="Full1"><table:table-row><table:table-cell>' +
      '<text:p>42</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>',
  );

/** A ZIP that is no office document. */
export const plainZip = () =>
  zip([
    ['notes.txt', 'Not an office document'],
    ['a/b.txt', 'x'],
  ]);

/** The start of a Linux executable (ELF) and of a Windows one (PE: "MZ" and its stub). */
export function elfExecutable(): Buffer {
  const data = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(data);
  return data;
}

export function windowsExecutable(): Buffer {
  const data = Buffer.alloc(256);
  data.write('MZ', 0, 'latin1');
  data.writeUInt32LE(0x80, 0x3c);
  data.write('PE\0\0', 0x80, 'latin1');
  data.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return data;
}

export const plainText = () => Buffer.from('Informe mèdic\nNo és un PDF, és text.\n', 'utf8');
