// What the public API answers (DESIGN §5), as the services' records define it. Enumerations that
// the services may extend (alert slots and channels, dead-letter kinds) are plain strings. The
// services leave null fields out of their JSON: a field typed "| null" may also be absent, so the
// console tests such fields with == null or ??, never === null.

export type Role = 'ministry-admin' | 'office-head' | 'office-officer' | 'office-viewer';

export interface SignedIn {
  username: string;
  name: string;
  offices: string[];
  roles: Role[];
}

export interface Office {
  code: string;
  capital: string;
  sendingState: string;
  receivingState: string;
  timeZone: string;
  createdAt: string;
}

export type MissionStatus = 'OPERATING' | 'RELATIONS_SEVERED' | 'NEGOTIATING' | 'INTERESTS_SECTION' | 'CEASED' | 'CLOSED';
export type MissionKind = 'EMBASSY' | 'CONSULATE' | 'INTERESTS_SECTION';

export interface Mission {
  id: string;
  officeCode: string;
  kind: MissionKind;
  name: string;
  sendingState: string;
  receivingState: string;
  city: string;
  timeZone: string;
  status: MissionStatus;
  consularPostsClosed: boolean;
  registeredAt: string;
  remainingStaffCeiling: number | null;
  protectingState: string | null;
  interestsSectionServices: string[];
  /** Who broke relations, once they are broken. */
  ruptureInitiatedBy?: RuptureInitiator | null;
  /** Only for an exercise: where its case clock started and where it stands now. */
  exercise?: Exercise | null;
}

/** A drill or a replayed case: its time rules follow the case clock, which moves only when advanced. */
export interface Exercise {
  startsAt: string;
  caseNow: string;
}

export type RuptureInitiator = 'RECEIVING_STATE' | 'SENDING_STATE';

export type MandateStatus = 'PENDING_CONSENT' | 'IN_FORCE' | 'TERMINATED';
export type ProtectionScope = 'DIPLOMATIC' | 'CONSULAR' | 'BOTH';

/** A protecting power's mandate for a mission (VCDR art. 45-46). */
export interface Mandate {
  id: string;
  missionId: string;
  protectedState: string;
  protectingState: string;
  receivingState: string;
  scope: ProtectionScope;
  status: MandateStatus;
  hostConsentAt: string | null;
  entryIntoForce: string | null;
  custodyOfPremises: boolean;
  custodyOfArchives: boolean;
  predecessorId: string | null;
  terminatedAt: string | null;
  terminationNote: string | null;
  designatedBy: string;
  designatedAt: string;
}

/** The mission's current (or latest) mandate and the ones before it, oldest first. */
export interface Mandates {
  mandate: Mandate;
  history: Mandate[];
}

export type DeadlineStatus = 'RUNNING' | 'SUSPENDED' | 'MET' | 'EXPIRED' | 'SUPERSEDED';

export interface DeadlineChange {
  change: string;
  status: DeadlineStatus;
  dueAt: string;
  version: number;
  noteReference: string | null;
  previousDeadlineId: string | null;
  actor: string;
  at: string;
  effectiveAt?: string | null;
}

export interface Deadline {
  id: string;
  kind: string;
  noteReference: string;
  anchoredAt: string;
  duration: string;
  dueAt: string;
  status: DeadlineStatus;
  version: number;
  remaining: string;
  supersedes: string | null;
  history: DeadlineChange[];
  /** For a PERSONAL deadline, the person it applies to. */
  staffId?: string | null;
}

export interface TimelineEntry {
  type: 'NOTE' | 'TRANSITION' | 'DEADLINE' | 'PROTECTING_POWER' | string;
  /** The same as effectiveAt (older services send only this). */
  at: string;
  /** When it took effect; the timeline is ordered by it. */
  effectiveAt?: string | null;
  /** When it was entered into the system. */
  recordedAt?: string | null;
  /** For a personal deadline's entries, the person it applies to. */
  staffId?: string | null;
  what: string | null;
  actor: string | null;
  noteReference: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  legalBasis: string | null;
  deadlineId: string | null;
  deadlineKind: string | null;
  deadlineStatus: string | null;
  dueAt: string | null;
  version: number | null;
  summary: string | null;
}

export interface Note {
  id: string;
  reference: string;
  direction: 'INCOMING' | 'OUTGOING';
  at: string;
  summary: string | null;
}

export type StaffStatus = 'ACCREDITED' | 'REMAINING' | 'DEPARTURE_ORDERED' | 'DEPARTED' | 'OVERDUE';
export type StaffCategory = 'DIPLOMATIC_AGENT' | 'ADMINISTRATIVE_TECHNICAL' | 'SERVICE_STAFF' | 'LOCAL_HIRE' | 'FAMILY_MEMBER';

export interface StaffMember {
  id: string;
  missionId: string;
  officeCode: string;
  fullName: string;
  category: StaffCategory;
  principalId: string | null;
  nationality: string;
  email: string;
  phone: string;
  preferredLanguage: 'es' | 'en';
  status: StaffStatus;
  departureDeadlineId: string | null;
  departureDeadlineKind: string | null;
  departureDeadlineVersion: number | null;
  departureDueAt: string | null;
  departedAt: string | null;
}

/** One page of a list: its rows, and the cursor that reads the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DepartureGroup {
  id: string;
  missionId: string;
  officeCode: string;
  name: string;
  scheduledAt: string;
  transport: string;
  departedAt: string | null;
  memberIds: string[];
}

export interface AccountabilityDeadline {
  deadlineId: string;
  kind: string;
  status: string;
  dueAt: string;
  version: number;
}

export interface Accountability {
  missionId: string;
  total: number;
  byStatus: Partial<Record<StaffStatus, number>>;
  overdue: { staffId: string; fullName: string; deadlineId: string | null; dueAt: string | null }[];
  departureDeadline: AccountabilityDeadline | null;
  timeLeft: string | null;
  negotiationDeadline: AccountabilityDeadline | null;
  /** Ordered-out or overdue staff who have not acknowledged the alert of the deadline version they are on. */
  unacknowledged?: {
    staffId: string;
    fullName: string;
    status: StaffStatus;
    deadlineId?: string | null;
    deadlineVersion?: number | null;
    dueAt?: string | null;
    /** ISO 8601 duration until their deadline (PT0S once passed); absent while it is suspended. */
    timeLeft?: string | null;
  }[];
}

export interface Alert {
  id: string;
  staffId: string;
  missionId: string;
  officeCode: string;
  deadlineId: string;
  deadlineVersion: number;
  slot: string;
  channel: string;
  language: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
}

export interface DeliveryAttempt {
  channel: string;
  status: string;
  at: string;
  error: string | null;
}

export interface AlertDetail {
  alert: Alert;
  deliveryLog: DeliveryAttempt[];
}

export interface AlertProgress {
  missionId: string;
  total: number;
  queued: number;
  retrying: number;
  sent: number;
  delivered: number;
  failed: number;
  dead: number;
  acknowledged: number;
}

export interface DeadLetter {
  id: string;
  kind: string;
  queue: string;
  type: string;
  officeCode: string | null;
  reason: string | null;
  deadLetteredAt: string;
  redriveCount: number;
  lastRedrivenAt: string | null;
  /** Which service keeps it (set by the console, from the path it was read at). */
  service?: 'missions' | 'personnel' | 'notifications';
}

/** RFC 9457 problem details, with the services' extensions. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}
