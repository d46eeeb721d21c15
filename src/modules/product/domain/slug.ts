/** A URL handle from a title: lower-case ASCII words joined by dashes ('item' when nothing is left). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180);
  return slug || 'item';
}

/** The n-th handle to try for a base: the base itself, then base-2, base-3 ... */
export const handleCandidate = (base: string, attempt: number) => (attempt === 0 ? base : `${base}-${attempt + 1}`);
