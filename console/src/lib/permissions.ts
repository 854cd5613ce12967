import type { Mandate, Mission, MissionStatus, Role, SignedIn } from './types';

// What each role may do (DESIGN §4). The console offers only these actions; the gateway and the
// services refuse the rest whatever the console shows.

export type Action =
  | 'createOffice'
  | 'registerMission'
  | 'missionEvents'
  | 'deadlines'
  | 'notes'
  | 'registerStaff'
  | 'editStaff'
  | 'recordDeparture'
  | 'remainingStaff'
  | 'departureGroups'
  | 'caseClock'
  | 'deadLetters';

const MAY: Record<Role, readonly Action[]> = {
  'ministry-admin': [
    'createOffice', 'registerMission', 'missionEvents', 'deadlines', 'notes', 'registerStaff', 'editStaff', 'recordDeparture',
    'remainingStaff', 'departureGroups', 'caseClock', 'deadLetters',
  ],
  'office-head': [
    'registerMission', 'missionEvents', 'deadlines', 'notes', 'registerStaff', 'editStaff', 'recordDeparture', 'remainingStaff',
    'departureGroups', 'caseClock',
  ],
  'office-officer': ['registerStaff', 'editStaff', 'recordDeparture'],
  'office-viewer': [],
};

export function may(user: Pick<SignedIn, 'roles'>, action: Action): boolean {
  return user.roles.some((role) => MAY[role]?.includes(action));
}

/**
 * Whether the user may advance the mission's case clock: only an exercise has one, and only a
 * ministry administrator or an office head of the mission's own office may move it.
 */
export function mayAdvanceCaseClock(user: Pick<SignedIn, 'roles' | 'offices'>, mission: Pick<Mission, 'exercise' | 'officeCode'>): boolean {
  if (!mission.exercise || !may(user, 'caseClock')) {
    return false;
  }
  return user.roles.includes('ministry-admin') || user.offices.includes(mission.officeCode);
}

/** The role that says most about the user, for the header. */
export function mainRole(user: Pick<SignedIn, 'roles'>): Role | undefined {
  return (['ministry-admin', 'office-head', 'office-officer', 'office-viewer'] as const).find((role) => user.roles.includes(role));
}

/** A step of the mission's lifecycle, named as the API's path names it. */
export type MissionAction =
  | 'rupture'
  | 'staff-ceiling'
  | 'persona-non-grata'
  | 'negotiation'
  | 'agreement'
  | 'cessation'
  | 'restoration'
  | 'closure';

// The missions service's state table (MissionLifecycle): what each status allows, in the order
// the console offers it. A reduction and a persona non grata leave the status as it is.
const LIFECYCLE: Record<MissionStatus, readonly MissionAction[]> = {
  OPERATING: ['rupture', 'staff-ceiling', 'persona-non-grata'],
  RELATIONS_SEVERED: ['negotiation', 'cessation', 'persona-non-grata'],
  NEGOTIATING: ['agreement', 'cessation', 'persona-non-grata'],
  INTERESTS_SECTION: ['staff-ceiling', 'persona-non-grata', 'restoration'],
  CEASED: ['closure'],
  CLOSED: [],
};

// A consulate can also be closed on its own while it is still open (VCCR art. 2(3)).
const CONSULAR_CLOSURE: readonly MissionStatus[] = ['OPERATING', 'RELATIONS_SEVERED', 'NEGOTIATING'];

/** The lifecycle steps offered to this user for a mission in its current status. */
export function missionActions(user: Pick<SignedIn, 'roles'>, mission: Pick<Mission, 'status' | 'kind'>): MissionAction[] {
  if (!may(user, 'missionEvents')) {
    return [];
  }
  const allowed = [...LIFECYCLE[mission.status]];
  if (mission.kind === 'CONSULATE' && CONSULAR_CLOSURE.includes(mission.status)) {
    allowed.push('closure');
  }
  return allowed;
}

/** What can be done to a protecting power's mandate. */
export type MandateAction = 'designate' | 'consent' | 'terminate';

/**
 * The mandate's own table (MandateStatus): a protecting power is designated once relations are
 * severed and while none is pending or in force; consent is recorded while it is pending; a mandate
 * pending or in force can be terminated (naming a successor or not).
 */
export function mandateActions(
  user: Pick<SignedIn, 'roles'>,
  mission: Pick<Mission, 'status'>,
  mandate: Pick<Mandate, 'status'> | null | undefined,
): MandateAction[] {
  if (!may(user, 'missionEvents')) {
    return [];
  }
  if (!mandate || mandate.status === 'TERMINATED') {
    return mission.status === 'OPERATING' ? [] : ['designate'];
  }
  return mandate.status === 'PENDING_CONSENT' ? ['consent', 'terminate'] : ['terminate'];
}
