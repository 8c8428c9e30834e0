import type { ErrorList } from '../state.js';

/** An element with text: set as text, never parsed, since messages quote the writers' files. */
export function element<Name extends keyof HTMLElementTagNameMap>(
  name: Name,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[Name] {
  const created = document.createElement(name);
  if (text !== undefined) created.textContent = text;
  if (className !== undefined) created.className = className;
  return created;
}

/** A last list item saying how many errors are not listed (the terminal shows them all). */
export function moreErrors(errors: ErrorList): HTMLLIElement[] {
  const left = errors.total - errors.shown.length;
  return left > 0
    ? [element('li', `and ${left} more ${left === 1 ? 'error' : 'errors'}: the terminal lists them all`, 'more')]
    : [];
}
