/**
 * The top-level entries of a PDF dictionary's text (`<</Font <</F1 4 0 R>> /ProcSet [/PDF]>>`)
 * as [name, value text] pairs, or undefined for text this small reader does not follow.
 */
export function dictionaryEntries(text: string): [string, string][] | undefined {
  const inner = text.trim();
  if (!inner.startsWith('<<') || !inner.endsWith('>>')) return undefined;
  const body = inner.slice(2, -2);
  const entries: [string, string][] = [];
  let at = 0;
  const skipSpace = (): void => {
    while (at < body.length && /\s/.test(body[at] ?? '')) at += 1;
  };
  for (skipSpace(); at < body.length; skipSpace()) {
    const name = /\/([^\s/<>[\]()%]+)/y;
    name.lastIndex = at;
    const key = name.exec(body);
    if (key === null) return undefined;
    at = name.lastIndex;
    skipSpace();
    const end = valueEnd(body, at);
    if (end === undefined) return undefined;
    entries.push([key[1] ?? '', body.slice(at, end)]);
    at = end;
  }
  return entries;
}

/** Where the value starting at `at` ends: a dictionary, array, string, name, reference or number. */
function valueEnd(text: string, at: number): number | undefined {
  if (text.startsWith('<<', at) || text[at] === '[') return closing(text, at);
  if (text[at] === '(') {
    let depth = 0;
    for (let index = at; index < text.length; index += 1) {
      if (text[index] === '\\') index += 1;
      else if (text[index] === '(') depth += 1;
      else if (text[index] === ')' && --depth === 0) return index + 1;
    }
    return undefined;
  }
  if (text[at] === '<') {
    const close = text.indexOf('>', at);
    return close === -1 ? undefined : close + 1;
  }
  const token = /\/[^\s/<>[\]()%]*|\d+ \d+ R(?![A-Za-z0-9])|[-+.\d]+|true|false|null/y;
  token.lastIndex = at;
  return token.exec(text) === null ? undefined : token.lastIndex;
}

/** The end of the dictionary or array opening at `at`, nested ones and strings inside stepped over. */
function closing(text: string, at: number): number | undefined {
  let depth = 0;
  for (let index = at; index < text.length; ) {
    if (text.startsWith('<<', index) || text[index] === '[') {
      depth += 1;
      index += text[index] === '[' ? 1 : 2;
    } else if (text.startsWith('>>', index) || text[index] === ']') {
      index += text[index] === ']' ? 1 : 2;
      if (--depth === 0) return index;
    } else if (text[index] === '(' || text[index] === '<') {
      const end = valueEnd(text, index);
      if (end === undefined) return undefined;
      index = end;
    } else index += 1;
  }
  return undefined;
}
