import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markArtifacts, untaggedRuns } from '../../src/pdf/artifacts.js';
import { contentOps } from '../../src/pdf/content-ops.js';
import { ligatureFix } from '../../src/pdf/ligatures.js';
import { readPdf, writePdf, type PdfObject } from '../../src/pdf/objects.js';
import { rewriteStreams } from '../../src/pdf/rewrite.js';
import { declareStandards } from '../../src/pdf/standards.js';
import { structureFixes } from '../../src/pdf/structure.js';
import { latin1, readPrinted } from '../../src/pdf/update.js';
import { checkStandards } from '../../src/pdf/ua-check.js';
import { fakePdf } from '../helpers/fake-pdf.js';

describe('artifacts: drawing outside the structure', () => {
  it('marks a running head, a fill and a rule as artifacts, leaving tagged content and strings alone', () => {
    const content =
      'q BT /F4 9 Tf 1 0 0 -1 64 1078 Tm (Page 1 of 2 EMC\\)) Tj ET\n0 0 666 217 re f\n' +
      '/P <</MCID 0 >>BDC BT (x) Tj ET EMC 0 213 666 4 re W n Q';
    const marked = markArtifacts(content) ?? '';
    expect(marked).toBe(
      'q BT /F4 9 Tf 1 0 0 -1 64 1078 Tm /Artifact BMC\n(Page 1 of 2 EMC\\)) Tj\nEMC ET\n/Artifact BMC\n0 0 666 217 re f\nEMC\n' +
        '/P <</MCID 0 >>BDC BT (x) Tj ET EMC 0 213 666 4 re W n Q',
    );
    expect(untaggedRuns(contentOps(marked))).toEqual([]);
  });

  it('finds nothing to mark in a page that is all tagged or artifact', () => {
    expect(markArtifacts('/Artifact BMC 0 0 1 1 re f EMC /P <</MCID 3>> BDC BT (a) Tj ET EMC')).toBeUndefined();
  });

  it('counts drawing inside an ActualText span that has no MCID as untagged', () => {
    expect(untaggedRuns(contentOps('/Span <</ActualText <feff0066>>> BDC BT <0080> Tj ET EMC'))).toHaveLength(1);
  });
});

/** A one-page PDF with one Type 0 font whose ToUnicode maps `<0080>` to U+0000, drawn inside `/ActualText (ff)`. */
function ligaturePdf(): Uint8Array {
  const cmap = 'begincmap\n2 beginbfchar\n<0001> <0020>\n<0080> <0000>\nendbfchar\nendcmap\n';
  const content = 'BT /F1 10 Tf /Span<</ActualText <feff00660066> >> BDC <0080> Tj <0001> Tj EMC ET';
  const flate = (text: string): PdfObject => {
    const stream = deflateSync(Buffer.from(text, 'latin1'));
    return { value: `<</Filter /FlateDecode /Length ${stream.byteLength}>>`, stream };
  };
  return writePdf(
    [
      { value: '<</Type /Catalog /Pages 2 0 R>>' },
      { value: '<</Type /Pages /Count 1 /Kids [3 0 R]>>' },
      {
        value: '<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>',
      },
      flate(content),
      { value: '<</Type /Font /Subtype /Type0 /BaseFont /AAAAAA+SourceSans3-Regular /ToUnicode 6 0 R>>' },
      flate(cmap),
    ],
    1,
    undefined,
  );
}

describe('ligatures in ToUnicode', () => {
  it('maps a ligature glyph Chromium leaves at U+0000 to the letters of the ActualText drawn around it', () => {
    const fixed = rewriteStreams(ligaturePdf(), [ligatureFix]);
    expect(checkStandards(ligaturePdf(), 'before.pdf').map((failure) => failure.rule)).toContain('7.21.7-2');
    expect(checkStandards(fixed, 'after.pdf').map((failure) => failure.rule)).not.toContain('7.21.7-2');
    const cmap = readPdf(fixed, 'after.pdf').objects.get(6)?.stream ?? new Uint8Array();
    expect(inflateSync(cmap).toString('latin1')).toContain('<0080> <00660066>');
  });
});

describe('structure fixes', () => {
  const tagged = (): Uint8Array =>
    writePdf(
      [
        { value: '<</Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R>>' },
        { value: '<</Type /Pages /Count 1 /Kids [3 0 R]>>' },
        { value: '<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Annots [11 0 R]>>' },
        { value: '<</Type /StructTreeRoot /K 5 0 R>>' },
        { value: '<</Type /StructElem /S /Document /P 4 0 R /K [6 0 R 9 0 R 10 0 R]>>' },
        { value: '<</Type /StructElem /S /LI /P 5 0 R /K [7 0 R 8 0 R]>>' },
        { value: '<</Type /StructElem /S /Lbl /P 6 0 R /K 0>>' },
        { value: '<</Type /StructElem /S /NonStruct /P 6 0 R /K 1>>' },
        { value: '<</Type /StructElem /S /Figure /P 5 0 R /K [10 0 R]>>' },
        { value: '<</Type /StructElem /S /Strong /P 9 0 R /K 2>>' },
        { value: '<</Type /Annot /Subtype /Link /Rect [0 0 1 1] /A <</S /URI /URI (https://example.org/a)>>>>' },
      ],
      1,
      undefined,
    );

  it('tags list bodies LBody, a figure that only wraps elements Div, maps PDF 2.0 types, and describes links', () => {
    const fixes = structureFixes(readPrinted(latin1(tagged())), 1);
    expect(fixes.get(8)).toContain('/S /LBody');
    expect(fixes.get(9)).toContain('/S /Div');
    expect(fixes.get(4)).toContain('/RoleMap <</Strong /Span>>');
    expect(fixes.get(11)).toContain(
      '/Contents <FEFF00680074007400700073003A002F002F006500780061006D0070006C0065002E006F00720067002F0061>',
    );
  });
});

describe('declaring the standards', () => {
  it('gives equal inputs equal bytes, with a file identifier derived from the content', () => {
    const first = declareStandards(fakePdf(1, 'Mali'));
    expect(Buffer.from(first).equals(Buffer.from(declareStandards(fakePdf(1, 'Mali'))))).toBe(true);
    const id = readPdf(first, 'a.pdf').id;
    expect(id).toMatch(/^[0-9A-F]{32}$/);
    expect(readPdf(declareStandards(fakePdf(1, 'Niger')), 'b.pdf').id).not.toBe(id);
  });
});
