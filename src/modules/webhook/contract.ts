import { Type } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

/** An endpoint failed too often in a row and stopped receiving events until staff enable it again. */
export const WebhookEndpointDisabled = defineEvent(
  'webhook.endpoint_disabled.v1',
  Type.Object({
    endpointId: Type.String({ format: 'uuid' }),
    url: Type.String(),
    /** Who registered it (or the contact given then); null: nobody to tell. */
    contactEmail: Type.Union([Type.String(), Type.Null()]),
    failures: Type.Integer({ minimum: 1 }),
    lastError: Type.String(),
    disabledAt: Type.String({ format: 'date-time' }),
  }),
  'A webhook endpoint was disabled after repeated failed deliveries',
);

export const webhookEvents = [WebhookEndpointDisabled];
