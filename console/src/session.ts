import { csrfToken, request } from './lib/api';
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
 * Signs out at the gateway, which ends the Keycloak session too, then opens the console again,
 * which asks for a sign-in.
 */
export async function signOut(): Promise<void> {
  const token = csrfToken();
  try {
    await fetch('/logout', {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: token ? { 'X-XSRF-TOKEN': token } : {},
    });
  } finally {
    window.location.assign('/console/');
  }
}
