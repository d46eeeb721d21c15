import { AsyncLocalStorage } from 'node:async_hooks';
import { randomHex } from '../ids.ts';
import { activeTraceparent } from './tracing.ts';

/** The trace a piece of work belongs to: set per HTTP request and per handled event. */
export interface TraceContext {
  traceId: string;
  traceparent: string;
}

export const traceStore = new AsyncLocalStorage<TraceContext>();

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** Continues an incoming W3C traceparent, or starts a new trace. */
export function traceFrom(traceparent?: string | string[]): TraceContext {
  const header = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  const match = header ? traceparentPattern.exec(header) : null;
  const traceId = match?.[1] ?? randomHex(16);
  return { traceId, traceparent: `00-${traceId}-${randomHex(8)}-01` };
}

export const currentTrace = (): TraceContext | undefined => traceStore.getStore();

/**
 * The trace an event written now continues: the active span with tracing on (it becomes the
 * handler's parent on the far side of the hop), else the request's or handler's, else a new one.
 */
export const traceHere = (): TraceContext => activeTraceparent() ?? currentTrace() ?? traceFrom();
