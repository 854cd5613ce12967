import type { ComponentChildren, JSX } from 'preact';
import { createStore, useStore } from './store';

// The console's addresses are real paths under /console/ (the gateway answers each with the
// console's page), so links can be shared and a reload stays on the page.

export const BASE = '/console';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.substring(BASE.length) || '/' : '/';
  return { path, query: new URLSearchParams(window.location.search) };
}

const location = createStore<Location>(typeof window === 'undefined' ? { path: '/', query: new URLSearchParams() } : current());

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => location.set(current()));
}

export function navigate(to: string, replace = false): void {
  const url = BASE + to;
  if (replace) {
    window.history.replaceState(null, '', url);
  } else {
    window.history.pushState(null, '', url);
    window.scrollTo(0, 0);
  }
  location.set(current());
}

export function useLocation(): Location {
  return useStore(location);
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string; children: ComponentChildren };

/** A link inside the console: drawn without reloading the page, unless opened in a new tab. */
export function Link({ href, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={BASE + href}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
          return;
        }
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
