import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  canTransition,
  IllegalShipmentTransition,
  SHIPMENT_STATUSES,
  transition,
  type ShipmentAction,
  type ShipmentStatus,
} from './shipment-status.ts';

const ACTIONS: ShipmentAction[] = ['ship', 'deliver', 'cancel'];

describe('shipment state machine', () => {
  it('allows exactly pending -> shipped -> delivered and pending -> canceled', () => {
    const legal: string[] = [];
    for (const from of SHIPMENT_STATUSES)
      for (const action of ACTIONS)
        if (canTransition(from, action)) legal.push(`${from} --${action}--> ${transition(from, action)}`);
    expect(legal.sort()).toEqual([
      'pending --cancel--> canceled',
      'pending --ship--> shipped',
      'shipped --deliver--> delivered',
    ]);
  });

  it('refuses every other move with a 409 naming the status and the action', () => {
    const illegal: [ShipmentStatus, ShipmentAction][] = [
      ['pending', 'deliver'],
      ['shipped', 'ship'],
      ['shipped', 'cancel'],
      ['delivered', 'ship'],
      ['delivered', 'deliver'],
      ['delivered', 'cancel'],
      ['canceled', 'ship'],
      ['canceled', 'deliver'],
      ['canceled', 'cancel'],
    ];
    for (const [from, action] of illegal) {
      expect(canTransition(from, action)).toBe(false);
      let error: unknown;
      try {
        transition(from, action);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(IllegalShipmentTransition);
      expect((error as IllegalShipmentTransition).status).toBe(409);
      expect((error as IllegalShipmentTransition).extra).toEqual({
        code: 'illegal_transition',
        shipmentStatus: from,
        action,
      });
    }
    expect(() => transition('pending', 'deliver')).toThrow(
      'A pending shipment cannot be delivered (allowed: ship, cancel)',
    );
    expect(() => transition('delivered', 'cancel')).toThrow(
      'A delivered shipment cannot be canceled (delivered is final)',
    );
  });

  it('delivered and canceled are final; every status is reachable from pending', () => {
    expect(allowedActions('delivered')).toEqual([]);
    expect(allowedActions('canceled')).toEqual([]);
    const reached = new Set<ShipmentStatus>(['pending']);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...reached])
        for (const a of allowedActions(from))
          if (!reached.has(transition(from, a))) {
            reached.add(transition(from, a));
            grew = true;
          }
    }
    expect([...reached].sort()).toEqual([...SHIPMENT_STATUSES].sort());
  });
});
