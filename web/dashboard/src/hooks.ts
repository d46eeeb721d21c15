// Small data hooks over the typed client (no cache library: each screen reads what it shows).
import { useCallback, useEffect, useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { problemMessage } from './api.ts';

export interface Loaded<T> {
  data?: T;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Runs `load` when `deps` change (the latest answer wins) and on reload(). `load` answers the
 * typed client's `{ data, error }`; `retryWhile` keeps polling (every second) while it holds,
 * e.g. a 404 for a variant the pricing or inventory module has not heard of yet.
 */
export function useLoad<T>(
  load: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  deps: unknown[],
  retryWhile?: (response: Response) => boolean,
): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error: string | null; loading: boolean }>({
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const run = useRef(0);
  useEffect(() => {
    const mine = ++run.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = async (left: number) => {
      const { data, error, response } = await load();
      if (mine !== run.current) return;
      if (!data && retryWhile?.(response) && left > 0) {
        timer = setTimeout(() => void attempt(left - 1), 1000);
        return;
      }
      setState({ data, error: data ? null : problemMessage(error), loading: false });
    };
    setState((s) => ({ ...s, loading: true }));
    void attempt(60);
    return () => clearTimeout(timer);
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Mantine's close button is an icon: it needs a name for screen readers. */
const closeButtonProps = { 'aria-label': 'Dismiss' };

/** Runs a write; shows its problem (or `done`) as a notification; answers whether it succeeded and its data. */
export async function write<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  done?: string,
): Promise<{ ok: boolean; data?: T }> {
  const { data, error, response } = await call;
  if (!response.ok) {
    notifications.show({ color: 'red', title: 'Not saved', message: problemMessage(error), closeButtonProps });
    return { ok: false };
  }
  if (done) notifications.show({ color: 'green', message: done, closeButtonProps });
  return { ok: true, data };
}
