import type { I18n } from '../i18n';
import type { Problem } from './types';

/** A refusal in plain words: what happened, why, and what the form's fields had wrong. */
export interface Explained {
  title: string;
  detail?: string;
  fields: { field: string; message: string }[];
  correlationId?: string;
}

// Refusals the console explains in the user's language; others keep the service's own words.
const KNOWN_TITLES: Record<string, string> = {
  'Remaining-staff ceiling reached': 'problem.ceilingReached',
  'No ceiling agreed': 'problem.noCeiling',
  'Not eligible to remain': 'problem.notEligible',
  'Transition not allowed': 'problem.transitionNotAllowed',
  'Unknown note': 'problem.unknownNote',
  'Note received in the future': 'problem.noteInFuture',
  'Deadline change not allowed': 'problem.deadlineChangeNotAllowed',
  'Conflicting change': 'problem.conflictingChange',
  'Already departed': 'problem.alreadyDeparted',
  'Invalid protecting power': 'problem.invalidProtectingPower',
};

export function explain(problem: Problem, i18n: I18n, fieldLabel: (field: string) => string = (f) => f): Explained {
  const fields = (problem.errors ?? []).map((error) => ({ field: error.field, message: `${fieldLabel(error.field)}: ${error.message}` }));
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(problem)) {
    if (typeof value === 'string' || typeof value === 'number') {
      params[name] = value;
    }
  }
  let title: string;
  const known = problem.title ? KNOWN_TITLES[problem.title] : undefined;
  if (problem.status === 0) {
    title = i18n.t('problem.network');
  } else if (known) {
    title = i18n.tk(known, params);
  } else if (problem.status === 400 && fields.length) {
    title = i18n.t('problem.invalidFields', { count: fields.length });
  } else if (problem.status === 403) {
    title = i18n.t('problem.forbidden');
  } else if (problem.status === 404) {
    title = i18n.t('problem.notFound');
  } else if (problem.status === 413) {
    title = i18n.t('problem.tooLarge');
  } else if (problem.status === 429) {
    title = i18n.t('problem.tooMany');
  } else if (problem.status >= 500) {
    title = i18n.t('problem.serverError');
  } else {
    title = problem.title ?? i18n.t('problem.refused', { status: problem.status });
  }
  // The service's own sentence stays: it names the exact record and numbers involved.
  const detail = problem.detail && !(problem.status === 400 && fields.length) ? problem.detail : undefined;
  return { title, detail, fields, correlationId: problem.correlationId };
}
