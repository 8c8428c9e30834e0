import postcss from 'postcss';
import { FactsheetsError } from '../../../errors.js';
import type { SourceFile } from '../../../model/documents.js';
import { closestName } from '../../validate/closest-name.js';
import { layoutDeclaration, type LayoutDeclaration } from '../../layout-sheets.js';

/**
 * A layout's fit declarations (docs/space-budget.md), checked where the designer wrote them:
 * each step `data-fit-steps` names must be a `[data-fit-step="…"]` rule of the layout's style
 * sheets (a misspelt `compakt` would silently never get denser), and `data-fit-min-lines` must
 * give whole numbers, one for the design and one per step. A value made by Handlebars is the
 * layout's own business and is not judged here.
 */
export function fitDeclarationError(layout: SourceFile, sheets: readonly string[]): FactsheetsError | undefined {
  const steps = declared(layout.text, 'data-fit-steps');
  if (steps !== undefined) {
    const defined = definedSteps(sheets);
    for (const [index, step] of steps.words.entries()) {
      if (defined.has(step)) continue;
      const near = closestName(step, [...defined]);
      const column = steps.columns[index] ?? steps.column;
      return new FactsheetsError(
        `the fit step "${step}" has no [data-fit-step="${step}"] rule in the layout's style sheets${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
        {
          stage: 'render',
          file: layout.displayPath,
          line: steps.line,
          column,
          hint:
            near === undefined
              ? `Define it in the layout's style sheet, e.g. .one-pager[data-fit-step="${step}"] { --body-size: 9.5pt; }, or remove it from data-fit-steps.`
              : `Write "${near}", the step the style sheet defines.`,
        },
      );
    }
  }
  const minLines = declared(layout.text, 'data-fit-min-lines');
  if (minLines !== undefined) {
    const wanted = (steps?.words.length ?? 0) + 1;
    const bad = minLines.words.find((word) => !/^\d{1,3}$/.test(word));
    if (bad !== undefined || minLines.words.length !== wanted) {
      return new FactsheetsError(
        bad !== undefined
          ? `data-fit-min-lines holds "${bad}", which is not a whole number of lines`
          : `data-fit-min-lines gives ${minLines.words.length} numbers for ${wanted} steps (the design, then ${steps?.words.length ?? 0} in data-fit-steps)`,
        {
          stage: 'render',
          file: layout.displayPath,
          line: minLines.line,
          column: minLines.column,
          hint: `Give one whole number of funding lines for the design and one for each step, in order, e.g. data-fit-min-lines="${['6', '4', '3', '3', '3'].slice(0, wanted).join(' ')}".`,
        },
      );
    }
  }
  return undefined;
}

/** `data-fit-steps="compact dense"` or `data-fit-min-lines="6 4 3"` with a literal value. */
function declared(text: string, attribute: string): LayoutDeclaration | undefined {
  const declaration = layoutDeclaration(text, attribute);
  return declaration?.literal === true ? declaration : undefined;
}

/** Every step a set of style sheets defines as `[data-fit-step="…"]`. */
function definedSteps(sheets: readonly string[]): Set<string> {
  const steps = new Set<string>();
  for (const css of sheets) {
    let root: postcss.Root;
    try {
      root = postcss.parse(css);
    } catch {
      continue; // A broken sheet is reported by its own check.
    }
    root.walkRules((rule) => {
      for (const match of rule.selector.matchAll(/\[data-fit-step=["']?([^"'\]]+)["']?\]/g))
        if (match[1] !== undefined) steps.add(match[1]);
    });
  }
  return steps;
}
