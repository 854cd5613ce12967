import { markSessionEnded } from './drafts';
import type { Problem } from './types';

/**
 * The public API through the gateway's console prefix: the gateway adds the signed-in user's
 * access token, the browser only sends its session cookie and, for changes, the CSRF token from
 * the XSRF-TOKEN cookie.
 */
export const API_BASE = '/console/api';

/** The service refused: its problem details (RFC 9457). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

/** The session at the gateway has ended; the page is reloading into the sign-in. */
export class SessionEnded extends Error {
  constructor() {
    super('The console session has ended');
  }
}

export function csrfToken(cookies: string = document.cookie): string | undefined {
  const found = cookies.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return found ? decodeURIComponent(found.substring('XSRF-TOKEN='.length)) : undefined;
}

let ending = false;

/** The page is going away on purpose (signing out): a refusal now must not reload it. */
export function leavingPage(): void {
  ending = true;
}

/** Sends the browser through the sign-in and back to this page; forms keep their drafts. */
export function sessionEnded(): never {
  if (!ending) {
    ending = true;
    markSessionEnded();
    window.location.reload();
  }
  throw new SessionEnded();
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, base = API_BASE): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  let response: Response;
  try {
    response = await fetch(base + path, {
      method,
      headers,
      credentials: 'same-origin',
      // A redirect here would be the gateway sending us to sign in: treat it as the end of the session.
      redirect: 'manual',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, title: 'network' });
  }
  if (response.status === 401 || response.type === 'opaqueredirect') {
    sessionEnded();
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(problemOf(response.status, text));
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export function problemOf(status: number, text: string): Problem {
  try {
    const parsed = JSON.parse(text) as Problem;
    if (parsed && typeof parsed === 'object') {
      return { ...parsed, status: parsed.status ?? status };
    }
  } catch {
    // not JSON: Spring Security's plain refusals (a missing CSRF token) come as text
  }
  return { status, title: undefined, detail: text || undefined };
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

/** Query string from the defined values only. */
export function query(params: Record<string, string | undefined | null>): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]);
  return defined.length ? '?' + new URLSearchParams(defined).toString() : '';
}
