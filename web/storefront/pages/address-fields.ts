import { html } from '../html.ts';
import type { Address } from '../types.ts';

export const countries = [
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['NL', 'Netherlands'],
  ['GB', 'United Kingdom'],
  ['US', 'United States'],
] as const;

type Fields = Partial<Pick<Address, 'firstName' | 'lastName' | 'line1' | 'city' | 'postalCode' | 'countryCode'>>;

/** The address inputs, each labelled, with the browser's autofill names. */
export function addressFields(a: Fields = {}, country?: string) {
  const field = (name: keyof Fields, label: string, auto: string) =>
    html`<div class="field"><label for="${name}">${label}</label><input id="${name}" name="${name}" required autocomplete="${auto}" value="${a[name] ?? ''}"></div>`;
  const chosen = country ?? a.countryCode ?? 'DE';
  return html`${field('firstName', 'First name', 'given-name')}${field('lastName', 'Last name', 'family-name')}
${field('line1', 'Street and number', 'address-line1')}${field('city', 'City', 'address-level2')}${field('postalCode', 'Postal code', 'postal-code')}
<div class="field"><label for="countryCode">Country</label><select id="countryCode" name="countryCode" autocomplete="country">
${countries.map(([code, name]) => html`<option value="${code}"${code === chosen ? html` selected` : ''}>${name}</option>`)}</select></div>`;
}
