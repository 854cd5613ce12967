// What a user types into a form is kept in this tab's session storage until the form is sent, so
// that a session that ends (and the sign-in that follows) loses nothing. Drafts hold form values
// only, never a token.

const PREFIX = 'iop.draft:';
const RESUMED = 'iop.session-ended';

export type Values = Record<string, string>;

export function loadDraft(formId: string): Values | null {
  try {
    const text = sessionStorage.getItem(PREFIX + formId);
    return text ? (JSON.parse(text) as Values) : null;
  } catch {
    return null;
  }
}

export function saveDraft(formId: string, values: Values): void {
  try {
    sessionStorage.setItem(PREFIX + formId, JSON.stringify(values));
  } catch {
    // Storage full or disabled: the form still works, only the safety net is gone.
  }
}

export function clearDraft(formId: string): void {
  try {
    sessionStorage.removeItem(PREFIX + formId);
  } catch {
    // see saveDraft
  }
}

/** Marks that the page is being reloaded because the session ended, to say so after signing in. */
export function markSessionEnded(): void {
  try {
    sessionStorage.setItem(RESUMED, new Date().toISOString());
  } catch {
    // see saveDraft
  }
}

/** Whether the last page load followed the end of a session; asks once. */
export function takeSessionEnded(): boolean {
  try {
    const ended = sessionStorage.getItem(RESUMED) !== null;
    sessionStorage.removeItem(RESUMED);
    return ended;
  } catch {
    return false;
  }
}
