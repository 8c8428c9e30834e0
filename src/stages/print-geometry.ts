import { FactsheetsError } from '../errors.js';
import type { PageSizeMm } from '../pdf/facts.js';
import type { PrintMarks } from '../pdf/print-marks.js';

/** Paper outside the bleed for the crop marks. */
export const SLUG_MM = 10;
/** The widest bleed the build takes: press sheets rarely allow more, and more is a layout mistake. */
export const MAX_BLEED_MM = 10;
/** Chromium sizes pages in whole CSS pixels (0.26 mm): each side's bleed can come back up to that much off. */
const TOLERANCE_MM = 0.3;

/**
 * The print geometry of a print edition, from the layout itself: its bleed is what the print
 * edition's page (its `@page … -bleed` size) adds to the screen page on every side, the screen
 * page being the trim. So a layout sized for 5 mm of bleed gets 5 mm, its TrimBox is the screen
 * page exactly, and the crop marks sit at the real trim. A page that grows unevenly, shrinks,
 * or grows past the widest bleed is an error naming the style sheet that sizes it.
 */
export function printGeometry(print: PageSizeMm, trim: PageSizeMm, sheet: string): PrintMarks {
  const across = round((print.widthMm - trim.widthMm) / 2);
  const down = round((print.heightMm - trim.heightMm) / 2);
  const sizes = `the print edition's page is ${mm(print.widthMm)} × ${mm(print.heightMm)} mm for a ${mm(trim.widthMm)} × ${mm(trim.heightMm)} mm trim (the screen edition's page)`;
  const hint = `Size the print edition's @page as the trim plus the same bleed on every side, from 0 to ${MAX_BLEED_MM} mm: for 5 mm on this page, size: ${mm(trim.widthMm + 10)}mm ${mm(trim.heightMm + 10)}mm.`;
  if (Math.abs(across - down) > TOLERANCE_MM) {
    throw new FactsheetsError(`${sizes}: that is ${mm(across)} mm of bleed across but ${mm(down)} mm down`, {
      stage: 'finish',
      file: sheet,
      hint,
    });
  }
  const bleed = round((across + down) / 2);
  if (bleed < -TOLERANCE_MM || bleed > MAX_BLEED_MM + TOLERANCE_MM) {
    throw new FactsheetsError(`${sizes}: a bleed of ${mm(bleed)} mm, outside 0 to ${MAX_BLEED_MM} mm`, {
      stage: 'finish',
      file: sheet,
      hint,
    });
  }
  return { bleedMm: Math.max(0, bleed), slugMm: SLUG_MM };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `216`, `3.5`: millimetres as a designer wrote them (Chromium's pixel rounding taken off). */
function mm(value: number): string {
  const whole = Math.round(value);
  return String(Math.abs(value - whole) <= TOLERANCE_MM ? whole : Math.round(value * 10) / 10);
}
