// Loads data for a screen and loads it again when its inputs change or `reload()` is called; the
// answer of an older request never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    load().then(
      (d) => {
        if (ticket !== latest.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (ticket !== latest.current) return;
        setError(e instanceof Error ? e.message : 'Could not load');
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the inputs
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}

/** The data of a typed-client answer, or an Error with the problem's message. */
export function must<T>(answer: { data?: T; error?: unknown }): T {
  if (answer.data !== undefined) return answer.data;
  const e = answer.error;
  const msg =
    e && typeof e === 'object' && 'detail' in e && typeof e.detail === 'string'
      ? e.detail
      : e && typeof e === 'object' && 'title' in e && typeof e.title === 'string'
        ? e.title
        : 'The request failed';
  throw new Error(msg);
}
