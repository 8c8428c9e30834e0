/** A PDF text string: UTF-16BE with a byte-order mark, in hex, so that any Unicode survives. */
export function encodeTextString(value: string): string {
  return `<${Buffer.from(`\uFEFF${value}`, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** A PDF string token (literal or hex, PDFDocEncoding or UTF-16BE) as text. */
export function decodeString(token: string): string {
  if (token.startsWith('<')) {
    const bytes = Buffer.from(token.slice(1, -1), 'hex');
    return bytes[0] === 0xfe && bytes[1] === 0xff
      ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
      : bytes.toString('latin1');
  }
  return token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_match, sequence: string) => {
    const simple: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      b: '\b',
      f: '\f',
      '(': '(',
      ')': ')',
      '\\': '\\',
    };
    return simple[sequence] ?? String.fromCharCode(parseInt(sequence, 8));
  });
}
