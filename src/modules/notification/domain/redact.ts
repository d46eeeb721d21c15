/**
 * The message log as staff read it: the secret of every `token=` link (password reset, invite,
 * email check) is blanked, so reading a reset mail in the log (notifications:read) is not a way
 * into the account. The mail itself went out whole; a resend sends the logged original.
 */
export const redactTokens = (body: string): string => body.replace(/([?&](?:amp;)?token=)[^\s"'&<>]+/g, '$1[redacted]');
