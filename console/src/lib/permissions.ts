import type { Role, SignedIn } from './types';

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
  | 'deadLetters';

const MAY: Record<Role, readonly Action[]> = {
  'ministry-admin': [
    'createOffice', 'registerMission', 'missionEvents', 'deadlines', 'notes', 'registerStaff', 'editStaff', 'recordDeparture',
    'remainingStaff', 'departureGroups', 'deadLetters',
  ],
  'office-head': [
    'registerMission', 'missionEvents', 'deadlines', 'notes', 'registerStaff', 'editStaff', 'recordDeparture', 'remainingStaff',
    'departureGroups',
  ],
  'office-officer': ['registerStaff', 'editStaff', 'recordDeparture'],
  'office-viewer': [],
};

export function may(user: Pick<SignedIn, 'roles'>, action: Action): boolean {
  return user.roles.some((role) => MAY[role]?.includes(action));
}

/** The role that says most about the user, for the header. */
export function mainRole(user: Pick<SignedIn, 'roles'>): Role | undefined {
  return (['ministry-admin', 'office-head', 'office-officer', 'office-viewer'] as const).find((role) => user.roles.includes(role));
}
