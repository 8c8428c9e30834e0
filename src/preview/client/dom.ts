/** An element with text: set as text, never parsed, since messages quote the writers' files. */
export function element<Name extends keyof HTMLElementTagNameMap>(name: Name, text?: string, className?: string): HTMLElementTagNameMap[Name] {
  const created = document.createElement(name);
  if (text !== undefined) created.textContent = text;
  if (className !== undefined) created.className = className;
  return created;
}
