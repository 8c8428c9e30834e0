import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPdf, writePdf } from '../../src/pdf/objects.js';
import { silenceSoftHyphens } from '../../src/pdf/soft-hyphens.js';
import { appendUpdate, fromLatin1, latin1 } from '../../src/pdf/update.js';
import { hyphenateText } from '../../src/stages/render/hyphenate.js';
import { hyphenatorFor } from '../../src/stages/render/hyphenation-patterns.js';
import { markdownToHtml } from '../../src/stages/render/markdown.js';
import { markedLanguages } from '../../src/stages/render/inline-language.js';

/** Soft hyphens shown as `|`, so that expectations read. */
const shown = (text: string): string => text.replace(/\u00AD/g, '|');

describe('hyphenatorFor', () => {
  it('breaks French words by French patterns, keeping two letters before a break and three after', () => {
    const french = hyphenatorFor('fr');
    expect(french).toBeDefined();
    expect(shown(french?.('développement') ?? '')).toBe('dé|ve|lop|pe|ment');
    expect(shown(french?.('coopération') ?? '')).toBe('co|opé|ra|tion');
    for (const word of [
      'développement',
      'coopération',
      'gouvernance',
      'infrastructures',
      'partenaires',
      'économique',
    ]) {
      const parts = (french?.(word) ?? '').split('\u00AD');
      expect(parts.join('')).toBe(word);
      expect(parts[0]?.length).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)?.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('uses English patterns for English, British ones for en-GB, and falls back from a region to its language', () => {
    expect(shown(hyphenatorFor('en')?.('cooperation') ?? '')).toBe('co|op|er|a|tion');
    expect(shown(hyphenatorFor('en-GB')?.('cooperation') ?? '')).toBe('co|oper|a|tion');
    expect(shown(hyphenatorFor('fr-CA')?.('développement') ?? '')).toBe('dé|ve|lop|pe|ment');
  });

  it('has no hyphenator (and no error) for a language without patterns or a tag that is not one', () => {
    expect(hyphenatorFor('und')).toBeUndefined();
    expect(hyphenatorFor('zz')).toBeUndefined();
    expect(hyphenatorFor('../../etc/passwd')).toBeUndefined();
    expect(hyphenatorFor('')).toBeUndefined();
  });
});

describe('hyphenateText', () => {
  const french = hyphenatorFor('fr');
  if (french === undefined) throw new Error('French patterns are missing');

  it('breaks long words and leaves short words, capitals, numbers, URLs, e-mail addresses and hyphenated words whole', () => {
    const text =
      'Le développement de la Mauritanie, UNESCO, 2017, 4400 EUR, https://europa.eu/international-partnerships europa.eu/capacity contact@europa.eu sous-développement déjà\u00ADcoupé';
    expect(shown(hyphenateText(text, french))).toBe(
      'Le dé|ve|lop|pe|ment de la Mau|ri|ta|nie, UNESCO, 2017, 4400 EUR, https://europa.eu/international-partnerships europa.eu/capacity contact@europa.eu sous-développement déjà|coupé',
    );
  });

  it('ends a word at an apostrophe and keeps the punctuation around it', () => {
    expect(shown(hyphenateText('l’économie « gouvernance »', french))).toBe('l’éco|no|mie « gou|ver|nance »');
    expect(shown(hyphenateText("l'économie.", french))).toBe("l'éco|no|mie.");
  });
});

describe('markdownToHtml with a language', () => {
  it('hyphenates the prose by the document language, but not headings or code', () => {
    const html = markdownToHtml(
      '## Développement durable\n\nUn développement `développement` durable.\n\n```\ndéveloppement\n```\n',
      undefined,
      'fr',
    ).html;
    expect(shown(html)).toBe(
      '<section><h2>Développement durable</h2><div class="section-body">\n<p>Un dé|ve|lop|pe|ment <code>développement</code> du|rable.</p>\n' +
        '<pre><code>développement\n</code></pre></div></section>',
    );
  });

  it('hyphenates nothing without a language, or in a language without patterns', () => {
    expect(markdownToHtml('Un développement durable.').html).toBe('<p>Un développement durable.</p>');
    expect(markdownToHtml('Un développement durable.', undefined, 'zz').html).toBe('<p>Un développement durable.</p>');
  });

  it('keeps link text hyphenated and link URLs whole', () => {
    expect(
      shown(
        markdownToHtml(
          '[partenariats internationaux](https://international-partnerships.ec.europa.eu/)',
          undefined,
          'fr',
        ).html,
      ),
    ).toBe('<p><a href="https://international-partnerships.ec.europa.eu/">par|te|na|riats in|ter|na|tio|naux</a></p>');
  });
});

describe('inline language marks', () => {
  it('turns a lang: link into a span tagged with its language (role generic, so Chromium tags it in the PDF), hyphenated by that language', () => {
    const result = markdownToHtml('La [Team Europe partnership](lang:en) soutient le développement.', undefined, 'fr');
    expect(shown(result.html)).toBe(
      '<p>La <span lang="en" role="generic">Team Eu|rope part|ner|ship</span> sou|tient le dé|ve|lop|pe|ment.</p>',
    );
    expect(result.warnings).toEqual([]);
  });

  it('tags French inside an English document, canonicalising the tag', () => {
    expect(shown(markdownToHtml('Doctors [sans frontières](LANG:FR) in development.', undefined, 'en').html)).toBe(
      '<p>Doc|tors <span lang="fr" role="generic">sans fron|tières</span> in de|vel|op|ment.</p>',
    );
  });

  it('keeps the text of a mark with a bad tag as plain text, with a warning on its line', () => {
    const result = markdownToHtml('Intro.\n\nUn [terme étranger](lang:en_GB) et [autre](lang:) ici.', undefined, 'fr');
    expect(shown(result.html)).toBe('<p>Intro.</p>\n<p>Un terme étran|ger et autre ici.</p>');
    expect(result.warnings).toEqual([
      {
        message:
          'kept "terme étranger" as plain text: "lang:en_GB" does not name a language (write a BCP 47 tag, such as lang:en, lang:fr or lang:pt-BR)',
        line: 3,
      },
      {
        message:
          'kept "autre" as plain text: "lang:" does not name a language (write a BCP 47 tag, such as lang:en, lang:fr or lang:pt-BR)',
        line: 3,
      },
    ]);
  });

  it('does not let a language mark carry other attributes, and a span with an empty lang is not hyphenated', () => {
    const html = markdownToHtml('[développement](lang:fr "title") [développement](lang:und)', undefined, 'fr').html;
    expect(shown(html)).toBe(
      '<p><span lang="fr" role="generic">dé|ve|lop|pe|ment</span> <span lang="und" role="generic">développement</span></p>',
    );
  });
});

describe('markedLanguages', () => {
  it("lists the languages a page marks on its parts, not the page's own, once each", () => {
    const html =
      '<html lang="fr"><body lang="fr"><p>Un <span lang="en" role="generic">Team Europe</span>, <q lang=\'de\'>Haus</q>, <i lang=EN>x</i> ' +
      '<span data-lang="es" title="lang=&quot;it&quot;">y</span> <span lang="">z</span></p></body></html>';
    expect(markedLanguages(html, 'fr')).toEqual(['de', 'en']);
    expect(markedLanguages('<html lang="en"><p>Plain.</p></html>', 'en')).toEqual([]);
  });
});

describe('silenceSoftHyphens', () => {
  /** A one-page PDF whose compressed content stream draws `content`. */
  function pdfDrawing(content: string): Uint8Array {
    const data = deflateSync(Buffer.from(content, 'latin1'));
    return writePdf(
      [
        { value: '<</Type /Catalog /Pages 2 0 R>>' },
        { value: '<</Type /Pages /Count 1 /Kids [3 0 R]>>' },
        { value: '<</Type /Page /Resources <<>> /MediaBox [0 0 595 842] /Contents 4 0 R /Parent 2 0 R>>' },
        { value: `<</Filter /FlateDecode /Length ${data.byteLength}>>`, stream: data },
      ],
      1,
      undefined,
    );
  }
  const drawn = (bytes: Uint8Array): string => {
    const content = readPdf(bytes, 'test').objects.get(4)?.stream;
    return content === undefined ? '' : inflateSync(content).toString('latin1');
  };

  it('takes U+00AD out of the ActualText of invisible soft hyphens and of ligatures, and leaves other text alone', () => {
    const content =
      'BT /Span<</ActualText <feff00ad> >> BDC 3 0 Td <0001> Tj EMC /Span<</ActualText <FEFF006600AD0066> >> BDC <0102> Tj EMC ' +
      '/Span<</ActualText <feff00660069> >> BDC <0103> Tj EMC ET';
    const silenced = silenceSoftHyphens(pdfDrawing(content));
    expect(drawn(silenced)).toBe(
      'BT /Span<</ActualText () >> BDC 3 0 Td <0001> Tj EMC /Span<</ActualText <FEFF00660066> >> BDC <0102> Tj EMC ' +
        '/Span<</ActualText <feff00660069> >> BDC <0103> Tj EMC ET',
    );
  });

  it('appends an update to a file whose objects are not numbered 1…n, keeping what came before', () => {
    const original = pdfDrawing('BT /Span<</ActualText <feff00ad> >> BDC <0001> Tj EMC ET');
    const extended = fromLatin1(appendUpdate(latin1(original), new Map([[9, '<</Note (added)>>']])));
    const silenced = silenceSoftHyphens(extended);
    expect(latin1(silenced).startsWith(latin1(extended))).toBe(true);
    expect(drawn(silenced)).toBe('BT /Span<</ActualText () >> BDC <0001> Tj EMC ET');
  });

  it('returns a PDF without soft hyphens as it was', () => {
    const bytes = pdfDrawing('BT /Span<</ActualText <feff00660069> >> BDC <0103> Tj EMC ET');
    expect(silenceSoftHyphens(bytes)).toBe(bytes);
  });
});
