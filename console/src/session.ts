import { csrfToken, leavingPage, request } from './lib/api';
import { createStore } from './lib/store';
import type { SignedIn } from './lib/types';

/** The signed-in user, as the gateway reads it from the session's access token. */
export const signedIn = createStore<SignedIn | null>(null);

export async function loadSession(): Promise<SignedIn> {
  const user = await request<SignedIn>('GET', '/console/session', undefined, '');
  signedIn.set(user);
  return user;
}

/**
 * Signs out: a form posted to the gateway (with the CSRF token), which ends its session and sends
 * the browser through Keycloak's logout, back to the console and so to the login page.
 */
export function signOut(): void {
  leavingPage();
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  const token = document.createElement('input');
  token.type = 'hidden';
  token.name = '_csrf';
  token.value = csrfToken() ?? '';
  form.appendChild(token);
  document.body.appendChild(form);
  form.submit();
}
