import { DomainError } from '../../../platform/http/errors.ts';

export const SHIPMENT_STATUSES = ['pending', 'shipped', 'delivered', 'canceled'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
export type ShipmentAction = 'ship' | 'deliver' | 'cancel';

/**
 * The one place a shipment's status changes are defined: pending -> shipped -> delivered, and
 * pending -> canceled (the order was canceled before anything left). Delivered and canceled are final.
 */
const TRANSITIONS: Readonly<Record<ShipmentStatus, Partial<Record<ShipmentAction, ShipmentStatus>>>> = {
  pending: { ship: 'shipped', cancel: 'canceled' },
  shipped: { deliver: 'delivered' },
  delivered: {},
  canceled: {},
};

const PAST: Record<ShipmentAction, string> = { ship: 'shipped', deliver: 'delivered', cancel: 'canceled' };

/** An action the shipment's status does not allow: a 409 naming both. */
export class IllegalShipmentTransition extends DomainError {
  readonly from: ShipmentStatus;
  readonly action: ShipmentAction;
  constructor(from: ShipmentStatus, action: ShipmentAction) {
    const allowed = allowedActions(from);
    super(
      409,
      'Conflict',
      `A ${from} shipment cannot be ${PAST[action]}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ` (${from} is final)`}`,
      { code: 'illegal_transition', shipmentStatus: from, action },
    );
    this.from = from;
    this.action = action;
  }
}

export const canTransition = (from: ShipmentStatus, action: ShipmentAction): boolean =>
  TRANSITIONS[from][action] !== undefined;

/** The status after the action; throws IllegalShipmentTransition when the status does not allow it. */
export function transition(from: ShipmentStatus, action: ShipmentAction): ShipmentStatus {
  const to = TRANSITIONS[from][action];
  if (!to) throw new IllegalShipmentTransition(from, action);
  return to;
}

export const allowedActions = (status: ShipmentStatus): ShipmentAction[] =>
  Object.keys(TRANSITIONS[status]) as ShipmentAction[];
