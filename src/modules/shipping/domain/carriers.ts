import { BadRequest } from '../../../platform/http/errors.ts';

/** Where a manual shipment's tracking link points when its option names no template of its own. */
export const DEFAULT_TRACKING_URL_TEMPLATE = 'https://track.example.com/{trackingNumber}';
export const TRACKING_PLACEHOLDER = '{trackingNumber}';

/**
 * A way parcels leave: what a tracking number of it looks like and where it is tracked. A carrier
 * with an API (labels, rates, tracking webhooks) implements the same port later; `manual` is staff
 * typing the number from the carrier's receipt.
 */
export interface Carrier {
  readonly code: string;
  readonly name: string;
  /** Why the tracking number is not one of this carrier's, or null when it is. */
  checkTrackingNumber(trackingNumber: string): string | null;
  /** The public tracking page; `template` is the shipping option's own, if it has one. */
  trackingUrl(trackingNumber: string, template: string | null): string;
}

const MANUAL_TRACKING = /^[A-Za-z0-9-]{1,64}$/;

export const manualCarrier: Carrier = {
  code: 'manual',
  name: 'Manual (tracking number entered by staff)',
  checkTrackingNumber: (n) => (MANUAL_TRACKING.test(n) ? null : 'must be 1 to 64 letters, digits or hyphens'),
  trackingUrl: (n, template) =>
    (template ?? DEFAULT_TRACKING_URL_TEMPLATE).replaceAll(TRACKING_PLACEHOLDER, encodeURIComponent(n)),
};

const carriers = new Map<string, Carrier>([[manualCarrier.code, manualCarrier]]);

export const CARRIER_CODES = [...carriers.keys()];

/** The carrier and a checked tracking number, or a 400 naming the field. */
export function carrierFor(code: string, trackingNumber: string): Carrier {
  const carrier = carriers.get(code);
  if (!carrier)
    throw new BadRequest(`carrier must be one of ${CARRIER_CODES.join(', ')}`, {
      errors: [{ field: 'carrier', message: 'is not a known carrier' }],
    });
  const problem = carrier.checkTrackingNumber(trackingNumber);
  if (problem)
    throw new BadRequest(`trackingNumber ${problem}`, { errors: [{ field: 'trackingNumber', message: problem }] });
  return carrier;
}

/** Why a tracking URL template cannot be used, or null: an absolute http(s) URL with the placeholder. */
export function checkTrackingUrlTemplate(template: string): string | null {
  if (!template.includes(TRACKING_PLACEHOLDER)) return `must contain ${TRACKING_PLACEHOLDER}`;
  try {
    const url = new URL(template.replaceAll(TRACKING_PLACEHOLDER, 'X'));
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'must be an http or https URL';
  } catch {
    return 'must be an absolute URL';
  }
}
