import { describe, expect, it } from 'vitest';
import { appendUpdate, objectBody, readTrailer } from '../../src/pdf/update.js';

const PDF =
  '%PDF-1.4\n1 0 obj\n<</Type /Catalog>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2\n/Root 1 0 R>>\nstartxref\n44\n%%EOF\n';

describe('incremental updates', () => {
  it('appends objects, an xref section with their offsets and a trailer pointing back', () => {
    const updated = appendUpdate(PDF, new Map([[2, '<</A 1>>']]), 2);
    expect(updated.slice(PDF.length)).toBe(
      '2 0 obj\n<</A 1>>\nendobj\n' +
        `xref\n2 1\n${String(PDF.length).padStart(10, '0')} 00000 n \n` +
        `trailer\n<</Size 3\n/Root 1 0 R\n/Info 2 0 R\n/Prev 44>>\nstartxref\n${PDF.length + 24}\n%%EOF\n`,
    );
  });

  it('reads the last trailer after several updates, so that new objects never reuse a number', () => {
    const once = appendUpdate(PDF, new Map([[2, '<</A 1>>']]));
    const twice = appendUpdate(
      once,
      new Map([
        [3, '<</B 2>>'],
        [1, '<</Type /Catalog /C 3>>'],
      ]),
    );
    expect(readTrailer(twice)).toEqual({
      size: 4,
      root: '1 0 R',
      info: undefined,
      startxref: twice.lastIndexOf('\nxref\n') + 1,
    });
    expect(objectBody(twice, 1)).toBe('<</Type /Catalog /C 3>>');
  });
});
