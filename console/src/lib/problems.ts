import type { I18n } from '../i18n';
import type { Problem } from './types';

/** A refusal in plain words: what happened, why, and what the form's fields had wrong. */
export interface Explained {
  title: string;
  detail?: string;
  fields: { field: string; message: string }[];
  correlationId?: string;
}

/**
 * Who and what a request was about, in words, so that a refusal names the mission and the people
 * the user chose rather than the ids the service cites.
 */
export interface Naming {
  /** The mission's name ({mission} in the messages). */
  mission?: string;
  /** The person's full name ({person} in the messages). */
  person?: string;
  /** Ids the service may cite in its detail, each with the name to show instead. */
  names?: Record<string, string>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The service's sentence with every id it cites replaced by the name the user knows it by. */
export function named(text: string, names: Record<string, string> = {}): string {
  return text.replace(UUID, (id) => names[id.toLowerCase()] ?? names[id] ?? id);
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
  'Already persona non grata': 'problem.alreadyPersonaNonGrata',
  'Staff member not found': 'problem.notOnStaff',
  'Reduction already running': 'problem.reductionRunning',
  'Ceiling below the remaining staff': 'problem.ceilingBelowRemaining',
  'Protecting power not allowed': 'problem.protectingPowerNotYet',
  'Protecting power already designated': 'problem.protectingPowerAlready',
  'No protecting power': 'problem.noProtectingPower',
  'Mandate change not allowed': 'problem.mandateChangeNotAllowed',
  'Before the previous transition': 'problem.beforePreviousTransition',
  'Negotiation deadline passed': 'problem.negotiationPassed',
  'Note reference already used': 'problem.noteAlreadyUsed',
  'Not an exercise': 'problem.notAnExercise',
  'Case clock moves forward only': 'problem.caseClockBackwards',
};

// The status a refusal cites is the mission's, or for the mandate's refusals the mandate's.
const STATUS_GROUP: Record<string, string> = {
  'Mandate change not allowed': 'mandateStatus',
  'Protecting power already designated': 'mandateStatus',
};

export function explain(problem: Problem, i18n: I18n, fieldLabel: (field: string) => string = (f) => f, naming: Naming = {}): Explained {
  const names = naming.names ?? {};
  const fields = (problem.errors ?? []).map((error) => ({ field: error.field, message: `${fieldLabel(error.field)}: ${named(error.message, names)}` }));
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(problem)) {
    if (typeof value === 'string' || typeof value === 'number') {
      params[name] = value;
    }
  }
  params.mission = naming.mission ?? i18n.t('problem.thisMission');
  params.person = naming.person ?? i18n.t('problem.thisPerson');
  if (typeof problem.currentStatus === 'string') {
    params.currentStatus = i18n.label(STATUS_GROUP[problem.title ?? ''] ?? 'status', problem.currentStatus);
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
  const detail = problem.detail && !(problem.status === 400 && fields.length) ? named(problem.detail, names) : undefined;
  return { title, detail, fields, correlationId: problem.correlationId };
}
