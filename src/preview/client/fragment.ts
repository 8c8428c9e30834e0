/**
 * The document name an address fragment asks for (`#mali`, `#c%C3%B4te`). A fragment that
 * is not valid percent-encoding (`#100%`, typed or pasted) is taken as written: the page must
 * never stop at "Building…" because of what is in its address.
 */
export function documentNameFromFragment(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
