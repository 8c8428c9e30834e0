/** What measuring a page in the browser finds: how a page fitted, what is too wide, its page budget. Shared by the browser, the stages that explain a page, and the report. */

/** The densest a page may get, whatever the layout declares. */
export const FIT_FLOOR = Object.freeze({ bodyPt: 9, lines: 3 });

/** What fitting did to a page, and the room it left (all measured). */
export interface FitOutcome {
  /** `design`, or the name of the denser step the page printed at. */
  readonly step: string;
  /** 0 for the design, 1 for the first denser step, … */
  readonly stepIndex: number;
  readonly fits: boolean;
  /** Room left on the page, in millimetres (negative: how far it runs over). */
  readonly roomMm: number;
  /** About how many more lines of prose would fit (0 when full or over). */
  readonly roomLines: number;
  /** Characters (spaces included) in a full line of the narrative as laid out: with roomLines, the budget a translator has left. */
  readonly charsPerLine?: number;
  /** The body text size the page printed at, in points. */
  readonly bodyPt: number;
  /** Funding lines shown, and left out (their total is on the closing line). */
  readonly lines?: { readonly shown: number; readonly leftOut: number };
  /** When even the densest step does not fit: words of prose to cut (narrative, then summary). */
  readonly wordsToCut?: { readonly narrative: number; readonly summary: number; readonly enough: boolean };
  /** A declared step below the floor (a layout's mistake). */
  readonly belowFloor?: string;
  /** When even the densest step does not fit and a column that is not the prose sets the page's height (a sidebar too long). */
  readonly tallColumn?: TallColumn;
}

/** An element of the layout as the page has it: enough to name it and find it in the layout's file. */
export interface LayoutElement {
  readonly tag: string;
  readonly classes: readonly string[];
  /** Its `data-fit-*` attributes as written (`data-fit-beside`, `data-fit-prose="narrative"`): its role in the fitting. */
  readonly roles: readonly string[];
}

/** The tallest of boxes laid out side by side, which sets their row's height, and by how much it is taller than the next. */
export interface TallColumn {
  readonly column: LayoutElement;
  readonly beside: LayoutElement;
  readonly tallerMm: number;
}

/** Something laid out wider than the page's text block: what it is, and by how much. */
export interface TooWide {
  /** e.g. `a table ("Funding recorded for the priority countries …")`. */
  readonly what: string;
  readonly widthMm: number;
  readonly roomMm: number;
  /** A style rule that made it this wide (a fixed width, text kept on one line), as the page matched it. */
  readonly rule?: WideningRule;
  /** What to look for in the Markdown when the content itself is too wide: a table's first cell, an image's alternative text, the longest word. */
  readonly sample?: { readonly kind: 'table' | 'image' | 'code' | 'word'; readonly text: string };
}

/** A style rule of the page that widens an element: the element, the rule's selector and the declaration. */
export interface WideningRule {
  readonly element: LayoutElement;
  readonly selector: string;
  readonly property: string;
  readonly value: string;
}

/**
 * How many pages a flowing layout may take, as it declares on `<body>`: `data-page-budget="2"`
 * (the layout's, or the front matter's through it) and `data-page-budget-over="error"` to fail
 * a document that runs over (default: a warning). With the page's margins, to measure the overflow.
 */
export interface PageBudget {
  readonly pages: number;
  readonly overIsError: boolean;
  readonly marginTopMm: number;
  readonly marginBottomMm: number;
}

/** What the printer learns from a page before printing it. */
export interface PageMeasure {
  readonly fit: FitOutcome | undefined;
  readonly tooWide: TooWide | undefined;
  readonly budget: PageBudget | undefined;
}
