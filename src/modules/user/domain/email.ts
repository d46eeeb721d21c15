/** One spelling per address: logins, uniqueness and rate-limit keys all compare this form. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The normalised `email` field of a request body, for per-address rate limits; undefined when absent. */
export function emailInBody(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | null | undefined)?.email;
  return typeof email === 'string' ? normaliseEmail(email) : undefined;
}
