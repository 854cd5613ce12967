import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { SessionEnded } from './api';
import { createStore, useStore } from './store';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a page and reloads it when the inputs change; with {@code everyMs} it also
 * polls while the tab is visible (the alert progress moves while alerts go out).
 */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[], everyMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => ticket === latest.current && setState({ data, loading: false }),
      (error) => {
        if (!(error instanceof SessionEnded) && ticket === latest.current) {
          setState((s) => ({ data: s.data, error, loading: false }));
        }
      },
    );
  }, [...inputs, round]);

  useEffect(() => {
    if (!everyMs) {
      return undefined;
    }
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') {
        reload();
      }
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs, reload]);

  return { ...state, reload };
}

// One clock for every countdown on the page, ticking each second.
const now = createStore(Date.now());
let ticking = 0;
let timer: number | undefined;

export function useNow(): number {
  useEffect(() => {
    if (ticking++ === 0) {
      timer = window.setInterval(() => now.set(Date.now()), 1000);
    }
    return () => {
      if (--ticking === 0) {
        window.clearInterval(timer);
      }
    };
  }, []);
  return useStore(now);
}
