import { basename, dirname, relative } from 'node:path';
import { isInside } from '../folders.js';
import { z } from 'zod';
import { ConfinedFileError, readConfinedText } from '../stages/confined-files.js';
import type { BuildWarning } from '../model/documents.js';

/**
 * What a manifest written by an earlier build must look like to be trusted. The build wrote it,
 * but a person, a merge or another version may have changed it: one that does not match is
 * treated as absent (every output is made again), never as an internal error.
 */
export const fitRecordSchema = z.object({
  step: z.string(),
  stepIndex: z.number().int().nonnegative(),
  roomMm: z.number(),
  roomLines: z.number(),
  bodyPt: z.number().positive(),
  lines: z.object({ shown: z.number().int().nonnegative(), leftOut: z.number().int().nonnegative() }).optional(),
});

export const manifestEntrySchema = z.object({
  output: z.string().min(1),
  name: z.string(),
  kind: z.string(),
  source: z.string(),
  pages: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fonts: z.array(z.string()),
  inputs: z.record(z.string(), z.string()),
  images: z.array(z.string()).optional(),
  renderMs: z.number().nonnegative(),
  fit: fitRecordSchema.optional(),
  rows: z.number().int().nonnegative().optional(),
  outOfDate: z.string().optional(),
  parts: z
    .array(
      z.object({
        output: z.string().min(1),
        firstPage: z.number().int().positive(),
        pages: z.number().int().nonnegative(),
      }),
    )
    .optional(),
});

export const manifestSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string() }),
  documents: z.array(manifestEntrySchema),
});

/** A file an earlier build wrote, read back: the parsed value when it matches its schema. */
export type ReadBack<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'valid'; readonly value: T }
  | { readonly kind: 'invalid'; readonly warning: BuildWarning };

/**
 * Reads and checks a JSON file the build wrote earlier. Missing is no news; unreadable or not
 * matching the schema is one warning naming the file and saying what the build does instead.
 */
export async function readBack<T>(
  path: string,
  displayName: string,
  schema: z.ZodType,
  instead: string,
): Promise<ReadBack<T>> {
  let text: string | undefined;
  try {
    // Never through a link, never a FIFO (opening one would block): see confined-files.
    text = await readConfinedText({ root: dirname(path), name: 'the output folder', stage: 'load' }, basename(path));
  } catch (error) {
    const why =
      error instanceof ConfinedFileError
        ? error.message
        : `cannot be read (${(error as { code?: string }).code ?? 'unknown error'})`;
    return invalid(displayName, why, instead);
  }
  if (text === undefined) return { kind: 'missing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalid(displayName, 'is not valid JSON', instead);
  }
  const result = schema.safeParse(parsed);
  // The file as written (its keys in their order, so that rewriting it changes nothing); JSON has no undefined, so its optional fields are T's.
  if (result.success) return { kind: 'valid', value: parsed as T };
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.map(String).join('.')}`;
  return invalid(
    displayName,
    `is not as a build writes it${where}${issue === undefined ? '' : ` (${issue.message})`}`,
    instead,
  );
}

function invalid(file: string, problem: string, instead: string): { kind: 'invalid'; warning: BuildWarning } {
  return { kind: 'invalid', warning: { message: `${file} ${problem}: ignored, ${instead}`, file } };
}

/** How a file of the output folder is named in a warning: as the user would type it. */
export function displayPathOf(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === '' || !isInside(process.cwd(), path) ? path : inside;
}
