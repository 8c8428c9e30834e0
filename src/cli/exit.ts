/** Exit statuses of the contract. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A wrong command line: the message is shown with the command's usage. */
export class UsageError extends Error {}
