import {
  FIT_FLOOR,
  type FitOutcome,
  type LayoutElement,
  type PageBudget,
  type PageMeasure,
  type TallColumn,
  type TooWide,
  type WideningRule,
} from '../model/fit.js';

/**
 * Fitting a one-page layout to its page, measured in the browser page itself. The layout
 * declares what may change (docs/space-budget.md):
 *
 * - `[data-fit-sheet]` on the element whose `min-height` is the page's usable height;
 * - `data-fit-steps="compact dense"` on `<body>`: denser steps after the design, tried in
 *   order; each is `body[data-fit-step="…"]` in the layout's CSS (custom properties);
 * - `data-fit-min-lines="6 4 3"` on `<body>`: the fewest table lines each step (the design
 *   first) may drop to, never under FIT_FLOOR.lines;
 * - `[data-fit-line="rank"]` rows (1 = the largest), dropped from the highest rank, and one
 *   `[data-fit-closing]` row whose `[data-fit-closing-text]`/`[data-fit-closing-amount]` take
 *   the `data-fit-rest`/`data-fit-rest-amount` of the first dropped row;
 * - `[data-fit-prose="narrative"|"summary"]` and `[data-fit-beside]` (the column beside the
 *   narrative), to state the room left in lines of prose and, when even the floor is too
 *   long, how many words to cut, or which column beside the narrative sets the page's height.
 *
 * Content wider than the page is named at its cause: the part without which it would fit, and
 * the style rule (matched in the CSSOM) that widened it, if one did.
 *
 * `measureInPage` runs inside the page (scripts are off in the page, but the printer may still
 * evaluate code in it), so it is self-contained. Each step costs one layout; most pages
 * fit as designed and cost one.
 */

export interface FitOptions {
  readonly floorBodyPx: number;
  readonly floorLines: number;
  readonly pxPerMm: number;
}

export const FIT_OPTIONS: FitOptions = Object.freeze({
  floorBodyPx: (FIT_FLOOR.bodyPt * 96) / 72,
  floorLines: FIT_FLOOR.lines,
  pxPerMm: 96 / 25.4,
});

/**
 * Runs in the page: lays it out at its printed width (its @page size less its margins: one
 * layout, only when that differs from the viewport's), fits a one-page layout to its sheet,
 * then looks for content wider than the page, which Chromium would otherwise fit by shrinking
 * the whole document. Self-contained, as code sent into a page must be.
 */
export function measureInPage(options: FitOptions): PageMeasure {
  const toPx = (value: string): number | undefined => {
    const match = /^(-?[\d.]+)(mm|cm|in|pt|px)$/.exec(value.trim());
    if (match === null) return undefined;
    const factor: Record<string, number> = {
      mm: options.pxPerMm,
      cm: options.pxPerMm * 10,
      in: 96,
      pt: 96 / 72,
      px: 1,
    };
    return Number(match[1]) * (factor[match[2] ?? 'px'] ?? 1);
  };
  const namedSizes: Record<string, number> = { a5: 148, a4: 210, a3: 297, letter: 215.9, legal: 215.9 };
  const pageName = getComputedStyle(document.body).getPropertyValue('page').trim();
  let width: number | undefined;
  let margins = 0;
  let marginTop = 0;
  let marginBottom = 0;
  const rules: CSSPageRule[] = [];
  for (const sheet of [...document.styleSheets]) {
    let sheetRules: CSSRule[] = [];
    try {
      sheetRules = [...sheet.cssRules];
    } catch {
      // A style sheet from elsewhere (blocked anyway: the page loads nothing) has no readable rules.
    }
    for (const rule of sheetRules) if (rule instanceof CSSPageRule) rules.push(rule);
  }
  // The page's own rule wins over the unnamed one, as in Chromium's cascade for named pages.
  for (const rule of [
    ...rules.filter((each) => each.selectorText.trim() === ''),
    ...rules.filter((each) => each.selectorText.trim() === pageName && pageName !== ''),
  ]) {
    const size = rule.style.getPropertyValue('size').trim().split(/\s+/)[0];
    if (size !== undefined && size !== '')
      width = toPx(size) ?? ((namedSizes[size.toLowerCase()] ?? 0) * options.pxPerMm || width);
    const left = toPx(rule.style.getPropertyValue('margin-left'));
    const right = toPx(rule.style.getPropertyValue('margin-right'));
    if (left !== undefined || right !== undefined) margins = (left ?? 0) + (right ?? 0);
    marginTop = toPx(rule.style.getPropertyValue('margin-top')) ?? marginTop;
    marginBottom = toPx(rule.style.getPropertyValue('margin-bottom')) ?? marginBottom;
  }
  const limit = (width ?? document.documentElement.clientWidth) - margins;
  /** An element's `data-fit-*` attributes, as a layout writes them. */
  const roles = (element: Element): string[] =>
    element
      .getAttributeNames()
      .filter((name) => name.startsWith('data-fit-'))
      .map((name) => (element.getAttribute(name) === '' ? name : `${name}="${element.getAttribute(name) ?? ''}"`));
  const root = document.documentElement;
  const designed = root.style.width;
  const relayout = Math.abs(limit - root.clientWidth) > 0.5;
  // While measuring, the sheet takes its content's own height, so that the room left shows.
  const sheet = document.querySelector<HTMLElement>('[data-fit-sheet]');
  const designedMinHeight = sheet?.style.minHeight ?? '';
  const usable =
    sheet === null ? 0 : parseFloat(getComputedStyle(sheet).minHeight) || sheet.getBoundingClientRect().height;

  /** Tries the declared steps and leaves the page at the first that fits (or at the densest). */
  function fitToSheet(): FitOutcome | undefined {
    if (sheet === null) return undefined;
    const body = document.body;
    const words = (text: string | null | undefined): string[] =>
      (text ?? '').split(/\s+/).filter((word) => word !== '');
    const steps = ['', ...words(body.dataset['fitSteps'])];
    const minLinesDeclared = words(body.dataset['fitMinLines']).map(Number);
    const rows = [...document.querySelectorAll<HTMLElement>('[data-fit-line]')].sort(
      (a, b) => Number(a.dataset['fitLine']) - Number(b.dataset['fitLine']),
    );
    const closing = document.querySelector<HTMLElement>('[data-fit-closing]');
    const closingText = closing?.querySelector<HTMLElement>('[data-fit-closing-text]') ?? null;
    const closingAmount = closing?.querySelector<HTMLElement>('[data-fit-closing-amount]') ?? null;
    const planned = {
      hidden: closing?.hidden ?? true,
      text: closingText?.textContent ?? '',
      amount: closingAmount?.textContent ?? '',
      leftOut: Number(closing?.dataset['fitClosing'] ?? 0),
    };
    const narrative = document.querySelector<HTMLElement>('[data-fit-prose="narrative"]');
    const summary = document.querySelector<HTMLElement>('[data-fit-prose="summary"]');
    const beside = document.querySelector<HTMLElement>('[data-fit-beside]');

    let leftOut = planned.leftOut;
    const showLines = (count: number): void => {
      for (const row of rows) row.hidden = Number(row.dataset['fitLine']) > count;
      if (closing === null) return;
      const firstDropped = rows[count];
      if (firstDropped === undefined) {
        closing.hidden = planned.hidden;
        if (closingText !== null) closingText.textContent = planned.text;
        if (closingAmount !== null) closingAmount.textContent = planned.amount;
        leftOut = planned.leftOut;
        return;
      }
      closing.hidden = false;
      if (closingText !== null) closingText.textContent = firstDropped.dataset['fitRest'] ?? '';
      if (closingAmount !== null) closingAmount.textContent = firstDropped.dataset['fitRestAmount'] ?? '';
      leftOut = Number(firstDropped.dataset['fitRestCount'] ?? 0);
    };
    /** Room left on the page in CSS pixels: the usable height less the content's own height (one layout). */
    const room = (): number => usable - sheet.getBoundingClientRect().height;
    const lineHeightOf = (element: HTMLElement): number => {
      const style = getComputedStyle(element);
      return parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
    };
    /**
     * Words per full line of running text, from its paragraphs as laid out now (a paragraph's
     * last line counts as half full), and the line height to turn millimetres into lines.
     */
    const proseMeasure = (
      element: HTMLElement | null,
    ): { lineHeight: number; wordsPerLine: number; charsPerLine: number; words: number } | undefined => {
      if (element === null) return undefined;
      const lineHeight = lineHeightOf(element);
      const blocks = element.matches('p')
        ? [element]
        : [...element.querySelectorAll<HTMLElement>('p')].filter((block) => block.closest('li, td, th') === null);
      let lines = 0;
      let count = 0;
      let chars = 0;
      for (const block of blocks) {
        lines += Math.max(0.5, Math.round(block.getBoundingClientRect().height / lineHeightOf(block)) - 0.5);
        count += words(block.textContent).length;
        chars += [
          ...(block.textContent ?? '')
            .replace(/\s+/g, ' ')
            .replace(/\u00AD/g, '')
            .trim(),
        ].length;
      }
      return {
        lineHeight,
        wordsPerLine: lines === 0 ? 0 : count / lines,
        charsPerLine: lines === 0 ? 0 : chars / lines,
        words: words(element.textContent).length,
      };
    };
    /** How much taller the narrative is than the column beside it: the part of it that sets the page's height. */
    const narrativeSlack = (): number => {
      if (narrative === null) return 0;
      const besideHeight = beside === null ? 0 : beside.getBoundingClientRect().height;
      return narrative.getBoundingClientRect().height - besideHeight;
    };

    const layoutElement = (element: HTMLElement): LayoutElement => ({
      tag: element.tagName.toLowerCase(),
      classes: [...element.classList],
      roles: roles(element),
    });
    /**
     * The boxes side by side (a grid's or a flex row's items) that hold the narrative, or
     * without one the row whose tallest box stands out most: its tallest sets the page's
     * height. Named only when it is not the prose, for which cutting words is the answer.
     */
    const tallColumn = (): TallColumn | undefined => {
      const isProse = (element: HTMLElement): boolean =>
        element.closest('[data-fit-prose]') !== null || element.querySelector('[data-fit-prose]') !== null;
      const sideBySide = [sheet, ...sheet.querySelectorAll<HTMLElement>('*')].flatMap((container) => {
        if (!/grid|flex/.test(getComputedStyle(container).display)) return [];
        const items = [...container.children]
          .filter((child): child is HTMLElement => child instanceof HTMLElement)
          .map((element) => ({ element, rect: element.getBoundingClientRect() }))
          .filter((item) => item.rect.height > 0)
          .sort((a, b) => b.rect.height - a.rect.height);
        const [tallest, next] = items;
        // Side by side: the two share some height (stacked items are no columns).
        if (
          tallest === undefined ||
          next === undefined ||
          next.rect.top >= tallest.rect.bottom ||
          tallest.rect.top >= next.rect.bottom
        )
          return [];
        return [
          {
            tallest: tallest.element,
            next: next.element,
            taller: tallest.rect.height - next.rect.height,
            holdsNarrative: narrative !== null && items.some((item) => item.element.contains(narrative)),
          },
        ];
      });
      const row =
        sideBySide.find((each) => each.holdsNarrative) ??
        (narrative === null ? sideBySide.sort((a, b) => b.taller - a.taller)[0] : undefined);
      if (row === undefined || isProse(row.tallest) || row.taller < options.pxPerMm) return undefined;
      return {
        column: layoutElement(row.tallest),
        beside: layoutElement(row.next),
        tallerMm: Math.round((row.taller / options.pxPerMm) * 10) / 10,
      };
    };

    let chosen = steps.length - 1;
    let shown = rows.length;
    let left = 0;
    for (const [index, step] of steps.entries()) {
      if (step === '') delete body.dataset['fitStep'];
      else body.dataset['fitStep'] = step;
      showLines(rows.length);
      left = room();
      const bodyPx = parseFloat(getComputedStyle(narrative ?? body).fontSize);
      if (bodyPx < options.floorBodyPx - 0.01) {
        return {
          step: step === '' ? 'design' : step,
          stepIndex: index,
          fits: false,
          roomMm: 0,
          roomLines: 0,
          bodyPt: (bodyPx * 72) / 96,
          belowFloor: `its fit step "${step}" sets the body text at ${((bodyPx * 72) / 96).toFixed(1)} pt, under the ${((options.floorBodyPx * 72) / 96).toFixed(0)} pt floor`,
        };
      }
      const declared = minLinesDeclared[index] ?? minLinesDeclared[minLinesDeclared.length - 1] ?? options.floorLines;
      const fewest = Math.min(rows.length, Math.max(options.floorLines, declared));
      chosen = index;
      shown = rows.length;
      if (left >= 0) break;
      // Drop the smallest lines until the page fits; the closing line appears if it was not there.
      const heights = rows.map((row) => row.getBoundingClientRect().height);
      // A closing line that appears costs about one single-line row (the lowest row).
      const closingCost =
        closing === null || !closing.hidden
          ? 0
          : heights.reduce((lowest, height) => Math.min(lowest, height), heights[0] ?? 0);
      let freed = 0;
      while (shown > fewest && freed - closingCost < -left) {
        shown -= 1;
        freed += heights[shown] ?? 0;
      }
      if (freed - closingCost >= -left || index === steps.length - 1) {
        showLines(shown);
        left = room();
        // The estimate of the closing line's height may be short by a hair: drop one more line then.
        while (left < 0 && shown > fewest) {
          shown -= 1;
          showLines(shown);
          left = room();
        }
        // Or long by more: the rows left re-lay the table (a wider title column, fewer wrapped
        // lines), so the estimate can drop lines that fit. Show them again while the next fits.
        while (left >= 0 && shown < rows.length) {
          showLines(shown + 1);
          const next = room();
          if (next < 0) {
            showLines(shown);
            break;
          }
          shown += 1;
          left = next;
        }
        if (left >= 0 || index === steps.length - 1) break;
      }
    }

    const prose = proseMeasure(narrative);
    const lineHeight = prose?.lineHeight ?? lineHeightOf(body);
    const slack = narrativeSlack();
    const outcome: FitOutcome = {
      step: steps[chosen] === '' ? 'design' : (steps[chosen] ?? 'design'),
      stepIndex: chosen,
      fits: left >= 0,
      roomMm: Math.round((left / options.pxPerMm) * 10) / 10,
      // Lines first fill the narrative's column down to the foot of the column beside it.
      roomLines: left < 0 ? 0 : Math.floor((left + Math.max(0, -slack)) / lineHeight),
      ...(prose === undefined || prose.charsPerLine === 0 ? {} : { charsPerLine: Math.round(prose.charsPerLine) }),
      bodyPt: Math.round(((parseFloat(getComputedStyle(narrative ?? body).fontSize) * 72) / 96) * 10) / 10,
      ...(rows.length === 0 ? {} : { lines: { shown, leftOut } }),
    };
    if (left >= 0) return outcome;
    // Too long even at the floor: what the writer would have to cut, measured at this density.
    const over = -left;
    const fromNarrative = Math.min(over, Math.max(0, slack));
    // Half a line more than the overflow: the last line of what is cut is seldom full.
    const narrativeWords =
      prose === undefined ? 0 : Math.ceil((Math.ceil(fromNarrative / prose.lineHeight) + 0.5) * prose.wordsPerLine);
    const lede = proseMeasure(summary);
    const rest = over - fromNarrative;
    const summaryLines = lede === undefined || rest <= 0 ? 0 : Math.ceil(rest / lede.lineHeight);
    const summaryWords =
      lede === undefined || summaryLines === 0
        ? 0
        : Math.min(lede.words, Math.ceil((summaryLines + 0.5) * lede.wordsPerLine));
    const enough =
      rest <= 0 || (lede !== undefined && summaryLines * lede.lineHeight >= rest && summaryWords < lede.words);
    const column = tallColumn();
    return {
      ...outcome,
      wordsToCut: { narrative: Math.min(prose?.words ?? 0, narrativeWords), summary: summaryWords, enough },
      ...(column === undefined ? {} : { tallColumn: column }),
    };
  }

  /** The first thing (in document order) that runs past the page's text block. */
  function findTooWide(): TooWide | undefined {
    // The text block, from the root's own box: a right-to-left root narrower than the viewport
    // sits at its right, and its content runs over at the left edge, not the right.
    const rtl = getComputedStyle(root).direction === 'rtl';
    const start = root.getBoundingClientRect().left;
    const end = start + limit;
    const overflows = (element: Element): boolean => {
      const rect = element.getBoundingClientRect();
      return rect.right > end + 1 || rect.left < start - 1;
    };
    // What a box clips (a map's frame) cannot reach the page's edge; an SVG is judged by its own box.
    const clipped = (element: Element): boolean => {
      for (
        let parent = element.parentElement;
        parent !== null && parent !== document.body;
        parent = parent.parentElement
      ) {
        if (parent instanceof SVGElement || getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    // Text that runs past its box (a word too long to break) shows only in the box's scroll width.
    const textRunsOver = (element: Element): boolean =>
      element instanceof HTMLElement &&
      element.scrollWidth > element.clientWidth + 1 &&
      (rtl
        ? element.getBoundingClientRect().right - element.scrollWidth < start - 1
        : element.getBoundingClientRect().left + element.scrollWidth > end + 1) &&
      getComputedStyle(element).overflowX === 'visible';
    const elements = [...document.body.querySelectorAll('*')];
    const found =
      elements.find((element) => overflows(element) && !clipped(element)) ??
      elements.find((element) => textRunsOver(element) && !clipped(element));
    if (found === undefined) return undefined;
    // The cause may sit inside it (a table that widens the grid column holding it): the child
    // without which it would fit, and so down. Laid out once per child tried, on a failing page only.
    const fitsWithout = (parent: Element, child: Element): boolean => {
      if (!(child instanceof HTMLElement || child instanceof SVGElement)) return false;
      const style = child.getAttribute('style');
      child.style.setProperty('display', 'none', 'important');
      const fits = !overflows(parent) && !textRunsOver(parent);
      if (style === null) child.removeAttribute('style');
      else child.setAttribute('style', style);
      return fits;
    };
    const cause = (element: Element): Element | undefined =>
      [...element.children].find((child) => fitsWithout(element, child));
    let deepest = found;
    for (let next = cause(found); next !== undefined; next = cause(next)) deepest = next;
    const widened = wideningRule(deepest);
    // A table, picture or code block is named whole, not by the cell that sticks out; what a style rule widened, as that rule's element.
    const culprit = widened?.owner ?? deepest.closest('table, pre, img, svg, figure') ?? deepest;
    const rect = culprit.getBoundingClientRect();
    // Without the soft hyphens the build put in (they show in no message).
    const text = (culprit.textContent ?? '')
      .replace(/\u00AD/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const kind = culprit.tagName.toLowerCase();
    const what = `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}${culprit.classList.length > 0 ? ` (.${[...culprit.classList].join('.')})` : ''}${text === '' ? '' : ` "${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`}`;
    const widthPx = Math.max(rect.width, culprit instanceof HTMLElement ? culprit.scrollWidth : 0);
    const rule = widened?.rule;
    const sample = rule === undefined ? contentSample(culprit, deepest) : undefined;
    return {
      what,
      widthMm: Math.round(widthPx / options.pxPerMm),
      roomMm: Math.round(limit / options.pxPerMm),
      ...(rule === undefined ? {} : { rule }),
      ...(sample === undefined ? {} : { sample }),
    };
  }

  /**
   * The style rule that made `element` too wide, if one did: on it or its ancestors (nearest
   * first), a fixed width wider than the box it sits in, or text kept on one line
   * (`white-space: nowrap | pre`) that `element` inherits. Matched with the CSSOM, as the page
   * applied it: the rule whose value the element computes, the last of equals (the cascade's).
   */
  function wideningRule(element: Element): { rule: WideningRule; owner: Element } | undefined {
    const styleRules: CSSStyleRule[] = [];
    const collect = (list: CSSRuleList): void => {
      for (const rule of [...list]) {
        if (rule instanceof CSSStyleRule) styleRules.push(rule);
        else if (
          rule instanceof CSSMediaRule ? matchMedia(rule.conditionText).matches : rule instanceof CSSSupportsRule
        )
          collect((rule as CSSGroupingRule).cssRules);
      }
    };
    for (const sheet of [...document.styleSheets]) {
      try {
        collect(sheet.cssRules);
      } catch {
        // Unreadable rules (see above) widen nothing the page could name.
      }
    }
    const keptOnOneLine = /^(nowrap|pre)$/.test(getComputedStyle(element).whiteSpace);
    for (let at: Element | null = element; at !== null && at !== document.documentElement; at = at.parentElement) {
      const computed = getComputedStyle(at);
      const roomPx = (at.parentElement ?? root).clientWidth;
      const matching = styleRules.filter((rule) => {
        try {
          return at.matches(rule.selectorText);
        } catch {
          return false;
        }
      });
      for (const rule of matching.reverse()) {
        for (const property of ['width', 'min-width', 'inline-size', 'min-inline-size', 'white-space']) {
          const value = rule.style.getPropertyValue(property).trim();
          if (value === '') continue;
          const widens =
            property === 'white-space'
              ? keptOnOneLine && /^(nowrap|pre)$/.test(value) && computed.whiteSpace === value
              : (toPx(value) ?? 0) > roomPx + 1 &&
                Math.abs(parseFloat(computed.getPropertyValue(property)) - (toPx(value) ?? 0)) < 1;
          if (widens) {
            return {
              rule: {
                element: { tag: at.tagName.toLowerCase(), classes: [...at.classList], roles: roles(at) },
                selector: rule.selectorText,
                property,
                value,
              },
              owner: at,
            };
          }
        }
      }
    }
    return undefined;
  }

  /** What of the content to look for in its Markdown: the table's first cell, the image's description, the code's first line, else the longest word. */
  function contentSample(culprit: Element, found: Element): TooWide['sample'] {
    const clean = (text: string | null | undefined): string =>
      (text ?? '')
        .replace(/\u00AD/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const kind = culprit.tagName.toLowerCase();
    if (kind === 'table') {
      const cell = clean(culprit.querySelector('th, td')?.textContent);
      return cell === '' ? undefined : { kind: 'table', text: cell };
    }
    if (kind === 'img') {
      const alt = clean(culprit.getAttribute('alt'));
      return alt === '' ? undefined : { kind: 'image', text: alt };
    }
    if (kind === 'pre') {
      const first = (culprit.textContent ?? '')
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line !== '');
      return first === undefined ? undefined : { kind: 'code', text: first };
    }
    const longest = clean(found.textContent)
      .split(' ')
      .reduce((best, word) => (word.length > best.length ? word : best), '');
    return longest === '' ? undefined : { kind: 'word', text: longest };
  }

  /** The layout's page budget, if it declares one (a whole number of pages, 1 or more). */
  function pageBudget(): PageBudget | undefined {
    const pages = Number(document.body.dataset['pageBudget'] ?? '');
    if (!Number.isInteger(pages) || pages < 1) return undefined;
    const mm = (px: number): number => Math.round((px / options.pxPerMm) * 10) / 10;
    return {
      pages,
      overIsError: document.body.dataset['pageBudgetOver'] === 'error',
      marginTopMm: mm(marginTop),
      marginBottomMm: mm(marginBottom),
    };
  }

  if (relayout) root.style.width = `${limit}px`;
  if (sheet !== null) sheet.style.minHeight = '0px';
  try {
    return { fit: fitToSheet(), tooWide: findTooWide(), budget: pageBudget() };
  } finally {
    if (relayout) root.style.width = designed;
    if (sheet !== null) sheet.style.minHeight = designedMinHeight;
  }
}
