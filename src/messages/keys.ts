import type { LoadedTemplates } from '../model/sources.js';

/**
 * The messages the build's own code prints (not the templates): a document's PDF Info, the
 * words of its charts' bars, the briefing pack's cover and contents, and the settings' defaults.
 * Every language's file must have each of them.
 */
export const CODE_MESSAGES = {
  'settings.kicker': ['series', 'title'],
  'settings.factsheet_kicker': ['series', 'title'],
  'settings.running_head': ['series', 'title'],
  'settings.funding_label': [],
  'settings.countries_caption': [],
  'brief.title': ['country'],
  'brief.keyword': [],
  'factsheet.keyword': [],
  'status.committed': [],
  'status.contracted': [],
  'status.paid': [],
  'chart.other': ['count'],
  'pack.title': [],
  'pack.title_of': ['subject'],
  'pack.summary': ['contents', 'pages'],
  'pack.factsheets': ['count'],
  'pack.briefs': ['count'],
  'pack.subject': [],
  'pack.subject_briefs': [],
  'pack.keyword': [],
  'pack.kind_factsheet': [],
  'pack.kind_brief': [],
} as const satisfies Record<string, readonly string[]>;

/** The keys of CODE_MESSAGES. */
export const CODE_MESSAGE_KEYS = Object.keys(CODE_MESSAGES) as (keyof typeof CODE_MESSAGES)[];

export type CodeMessageKey = keyof typeof CODE_MESSAGES;

/** Where a message is used first (for "missing message" errors), and the values every use gives it. */
export interface MessageUse {
  readonly file: string;
  readonly line: number;
  readonly values: ReadonlySet<string>;
}

/** The helpers that print a message; their first argument is its key, always a quoted literal. */
export const MESSAGE_HELPERS = ['t', 'cssMessage'] as const;

const COMMENT = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g;
const MESSAGE_CALL = /[{(]~?\s*(t|cssMessage)\s+(?:"([^"]*)"|'([^']*)')([^{}()]*)/g;
/** cssMessage gives every message the page counters. */
const COUNTERS = ['page', 'pages'];

const usesByTemplates = new WeakMap<LoadedTemplates, ReadonlyMap<string, MessageUse>>();

/**
 * Every message the templates use, with where it is first used and the values it is given
 * (`{{t "brief.more_lines" count=…}}` gives `count`). Read from the text without
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
      const key = match[2] ?? match[3] ?? '';
      const given = [...(match[4] ?? '').matchAll(/([A-Za-z_][\w-]*)=/g)].map((pair) => pair[1] ?? '');
      if (match[1] === 'cssMessage') given.push(...COUNTERS);
      const earlier = uses.get(key);
      // A message may use only the values every call gives it.
      const values = earlier === undefined ? new Set(given) : new Set(given.filter((name) => earlier.values.has(name)));
      uses.set(
        key,
        earlier === undefined
          ? { file: file.displayPath, line: text.slice(0, match.index).split('\n').length, values }
          : { ...earlier, values },
      );
    }
  }
  usesByTemplates.set(templates, uses);
  return uses;
}
