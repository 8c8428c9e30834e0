import { describe, expect, it } from 'vitest';
import { writePdf } from '../../src/pdf/objects.js';
import { setDocumentInfo } from '../../src/pdf/info.js';
import { latin1, readPrinted } from '../../src/pdf/update.js';

/** A one-page PDF whose Info dictionary holds `title` as a literal string, with dates. */
function pdfTitled(title: string): Uint8Array {
  return writePdf(
    [
      { value: '<</Type /Catalog /Pages 2 0 R>>' },
      { value: '<</Type /Pages /Kids [3 0 R] /Count 1>>' },
      { value: '<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>' },
      { value: `<</Title (${title}) /CreationDate (D:20170906000000Z) /ModDate (D:20170906000000Z)>>` },
    ],
    1,
    4,
  );
}

describe('PDF strings that look like PDF syntax', () => {
  it('keep the creation and modification dates when a title holds "endobj"', () => {
    const updated = setDocumentInfo(pdfTitled('Mali endobj 4 0 obj brief'), {
      title: 'Mali',
      keywords: [],
      creator: 'factsheets',
    });
    const pdf = readPrinted(latin1(updated));
    const info = pdf.body(pdf.trailer.info ?? -1) ?? '';
    expect(info).toContain('/CreationDate (D:20170906000000Z)');
    expect(info).toContain('/ModDate (D:20170906000000Z)');
  });

  it('read an object whose string holds "endobj" whole', () => {
    const pdf = readPrinted(latin1(pdfTitled('a (nested) endobj\\) b')));
    expect(pdf.body(4)).toBe(
      '<</Title (a (nested) endobj\\) b) /CreationDate (D:20170906000000Z) /ModDate (D:20170906000000Z)>>',
    );
  });
});
