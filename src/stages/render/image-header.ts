/**
 * What an image file really is, read from its first bytes rather than its name, and for raster
 * images the size it decodes to (from the header: nothing is decoded). A page embeds an image
 * only once both are known, so that a renamed HTML file or a small file that decodes to
 * gigabytes never reaches the browser.
 */
export interface ImageHeader {
  readonly type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';
  /** Decoded width and height in pixels; undefined for SVG (drawn at the size the page gives it). */
  readonly width?: number;
  readonly height?: number;
}

/** The real type and decoded size of an image, or undefined when the bytes are no image the page may embed. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes) ?? svg(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((byte, index) => bytes[at + index] === byte);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** PNG: the signature, then IHDR with width and height as big-endian 32-bit numbers. */
function png(bytes: Uint8Array): ImageHeader | undefined {
  if (!startsWith(bytes, PNG_SIGNATURE) || bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  return { type: 'image/png', width: view(bytes).getUint32(16), height: view(bytes).getUint32(20) };
}

/** JPEG: segments after SOI until a start-of-frame marker, which holds height and width. */
function jpeg(bytes: Uint8Array): ImageHeader | undefined {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return undefined;
  const data = view(bytes);
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { type: 'image/jpeg', height: data.getUint16(offset + 5), width: data.getUint16(offset + 7) };
    }
    offset += 2 + data.getUint16(offset + 2);
  }
  return undefined;
}

/** GIF: the logical screen size, little-endian, after the signature. */
function gif(bytes: Uint8Array): ImageHeader | undefined {
  const signature = bytes.length >= 10 ? ascii(bytes, 0, 6) : '';
  if (signature !== 'GIF87a' && signature !== 'GIF89a') return undefined;
  return { type: 'image/gif', width: view(bytes).getUint16(6, true), height: view(bytes).getUint16(8, true) };
}

/** WebP: a RIFF container whose first chunk (VP8, VP8L or VP8X) gives the canvas size. */
function webp(bytes: Uint8Array): ImageHeader | undefined {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return undefined;
  const data = view(bytes);
  const chunk = ascii(bytes, 12, 4);
  const uint24 = (at: number): number => data.getUint16(at, true) + ((bytes[at + 2] ?? 0) << 16);
  if (chunk === 'VP8X') return { type: 'image/webp', width: uint24(24) + 1, height: uint24(27) + 1 };
  if (chunk === 'VP8L') {
    const bits = data.getUint32(21, true);
    return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ')
    return { type: 'image/webp', width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff };
  return undefined;
}

/** SVG: text whose first element (after an XML declaration, comments and a doctype) is <svg>. */
function svg(bytes: Uint8Array): ImageHeader | undefined {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const prolog =
    /^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)\s*)*<svg[\s>/]/i;
  return prolog.test(head) ? { type: 'image/svg+xml' } : undefined;
}
