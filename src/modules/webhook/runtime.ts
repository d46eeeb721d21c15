import type { Platform } from '../../platform/host/platform.ts';
import { Dispatcher } from './adapters/dispatcher.ts';
import { systemConnector, systemResolver, type Egress } from './adapters/network.ts';
import { POLICY } from './domain/policy.ts';

interface WebhookState {
  platform: Platform;
  egress: Egress;
  dispatcher: Dispatcher;
}

let state: WebhookState | undefined;
let network: Pick<Egress, 'resolve' | 'connect'> = { resolve: systemResolver, connect: systemConnector };

/** Set once at start, before any handler or route runs. */
export function initWebhook(platform: Platform): void {
  const { WEBHOOK_ALLOW_PRIVATE, WEBHOOK_ALLOW_HOSTS } = platform.config;
  const log = platform.log.child({ module: 'webhook' });
  state = {
    platform,
    egress: {
      allowPrivate: WEBHOOK_ALLOW_PRIVATE,
      allowHosts: (WEBHOOK_ALLOW_HOSTS ?? '').split(',').filter(Boolean),
      ...network,
    },
    dispatcher: new Dispatcher(
      () => POLICY,
      (err) => log.error({ err }, 'webhook delivery crashed'),
    ),
  };
}

/** Tests: resolve names and open connections their own way (before the app boots, or at once on a running one). */
export function useNetwork(n: Pick<Egress, 'resolve' | 'connect'>): void {
  network = n;
  if (state) Object.assign(state.egress, n);
}

export function webhook(): WebhookState {
  if (!state) throw new Error('webhook module used before its setup ran');
  return state;
}
