/** The commands of the factsheets CLI (src/cli/main.ts has one module for each). */
export const COMMAND_NAMES = ['build', 'preview', 'review', 'init', 'languages', 'forecast'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** `"build", "preview" and "review"`, for messages. */
export function listedCommands(): string {
  const quoted = COMMAND_NAMES.map((name) => `"${name}"`);
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}
