import type { LoadedTemplates } from '../stages/load.js';

/**
 * The messages the build's own code prints (not the templates): a document's PDF Info, the
 * words of its charts' bars, the briefing pack's cover and contents, and the settings' defaults.
 * Every language's file must have each of them.
 */
export const CODE_MESSAGE_KEYS = [
  'settings.kicker',
  'settings.running_head',
  'settings.funding_label',
  'brief.title',
  'brief.keyword',
  'factsheet.keyword',
  'status.committed',
  'status.contracted',
  'status.paid',
  'chart.other',
  'pack.title',
  'pack.title_of',
  'pack.summary',
  'pack.factsheets',
  'pack.briefs',
  'pack.subject',
  'pack.keyword',
  'pack.kind_factsheet',
  'pack.kind_brief',
] as const;

export type CodeMessageKey = (typeof CODE_MESSAGE_KEYS)[number];

/** Where a template uses a message first: for "missing message" errors. */
export interface MessageUse {
  readonly file: string;
  readonly line: number;
}

/** The helpers that print a message; their first argument is its key, always a quoted literal. */
export const MESSAGE_HELPERS = ['t', 'cssMessage'] as const;

const COMMENT = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g;
const MESSAGE_CALL = /[{(]~?\s*(?:t|cssMessage)\s+(?:"([^"]*)"|'([^']*)')/g;

const usesByTemplates = new WeakMap<LoadedTemplates, ReadonlyMap<string, MessageUse>>();

/**
 * Every message the templates use, with where it is first used. Read from the text without
 * loading Handlebars (the plan runs before it is loaded); the template compiler refuses a
 * message helper whose key is not a quoted literal, so this finds every use.
 */
export function templateMessageUses(templates: LoadedTemplates): ReadonlyMap<string, MessageUse> {
  const known = usesByTemplates.get(templates);
  if (known !== undefined) return known;
  const uses = new Map<string, MessageUse>();
  for (const file of [...templates.layouts.values(), ...templates.partials.values()]) {
    const text = file.text.replace(COMMENT, (comment) => comment.replace(/[^\n]/g, ' '));
    for (const match of text.matchAll(MESSAGE_CALL)) {
      const key = match[1] ?? match[2] ?? '';
      if (!uses.has(key)) uses.set(key, { file: file.displayPath, line: text.slice(0, match.index).split('\n').length });
    }
  }
  usesByTemplates.set(templates, uses);
  return uses;
}
