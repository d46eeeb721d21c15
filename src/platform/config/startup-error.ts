/**
 * A start that cannot go on, for a reason the person starting it can fix: the message is one line
 * naming the cause and the fix, printed without a stack trace; the process exits with code 2.
 */
export class StartupError extends Error {}
