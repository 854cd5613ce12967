import { ApiError, get, post, query } from './api';
import type {
  Accountability, Alert, AlertDetail, AlertProgress, DeadLetter, Deadline, DepartureGroup, Mandates, Mission, Note, Office, Page, StaffMember,
  TimelineEntry,
} from './types';

// The public API's reads, by name. Changes are posted where the forms are.

export const offices = () => get<Office[]>('/offices');
export const missions = () => get<Mission[]>('/missions');
export const mission = (id: string) => get<Mission>(`/missions/${id}`);
export const deadlines = (id: string) => get<Deadline[]>(`/missions/${id}/deadlines`);
export const timeline = (id: string) => get<TimelineEntry[]>(`/missions/${id}/timeline`);
export const notes = (id: string) => get<Note[]>(`/missions/${id}/notes`);
/** The mission's protecting power, or null when none was ever designated (the service answers 404). */
/** A mission without any protecting power answers with no mandate: null here. */
export const protectingPower = (id: string) =>
  noneYet<Mandates | null>(get<Mandates>(`/missions/${id}/protecting-power`).then((m) => (m.mandate ? m : null)), () => null);
/** The largest page the services serve. */
export const MAX_PAGE = 500;

/** Rows of the first pages of a list, and whether more follow. */
export interface Paged<T> {
  items: T[];
  more: boolean;
}

/** Reads the first {@code pages} pages of a list, each after the one before (a "more" control asks for one page more). */
export async function firstPages<T>(read: (cursor?: string) => Promise<Page<T>>, pages: number): Promise<Paged<T>> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await read(cursor);
    items.push(...page.items);
    if (page.nextCursor === null) {
      return { items, more: false };
    }
    cursor = page.nextCursor;
  }
  return { items, more: true };
}

/** Every row of a list, page after page: for naming people elsewhere on a page. */
export async function everyPage<T>(read: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  return (await firstPages(read, Number.MAX_SAFE_INTEGER)).items;
}

const limit = (size?: number) => (size === undefined ? undefined : String(size));
/** One page of the mission's staff, by name. */
export const staffPage = (missionId: string, status?: string, cursor?: string, size?: number) =>
  get<Page<StaffMember>>(`/staff${query({ missionId, status, cursor, limit: limit(size) })}`);
/** The mission's whole staff, in the largest pages. */
export const staff = (missionId: string, status?: string) => everyPage((cursor) => staffPage(missionId, status, cursor, MAX_PAGE));
export const accountability = (id: string) => get<Accountability>(`/missions/${id}/accountability`);
/** One page of the mission's departure groups, the earliest first. */
export const departureGroupsPage = (missionId: string, cursor?: string) =>
  get<Page<DepartureGroup>>(`/departure-groups${query({ missionId, cursor })}`);
/** One page of the mission's alerts, the oldest first. */
export const alertsPage = (missionId: string, status?: string, cursor?: string) =>
  noneYet(get<Page<Alert>>(`/alerts${query({ missionId, status, cursor })}`), (): Page<Alert> => ({ items: [], nextCursor: null }));
export const alert = (id: string) => get<AlertDetail>(`/alerts/${id}`);
/**
 * The notifications service learns of a mission from its first staff or alert events; until
 * then it does not know the mission (404), which for a mission the user can see means no alerts yet.
 */
export const alertProgress = (id: string) =>
  noneYet(get<AlertProgress>(`/missions/${id}/alert-progress`), () => ({
    missionId: id, total: 0, queued: 0, retrying: 0, sent: 0, delivered: 0, failed: 0, dead: 0, acknowledged: 0,
  }));
/** Every service keeps and re-drives its own dead letters; the gateway serves them at /dead-letters/<service>. */
export const DEAD_LETTER_SERVICES = ['missions', 'personnel', 'notifications'] as const;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];

export interface DeadLetters {
  /** Newest first, each marked with the service that keeps it. */
  letters: DeadLetter[];
  /** Services whose dead letters could not be read just now: the others are still shown. */
  unavailable: DeadLetterService[];
}

/** The three services' lists as one, newest first; one service that does not answer hides only its own. */
export function mergeDeadLetters(results: PromiseSettledResult<DeadLetter[]>[]): DeadLetters {
  const letters: DeadLetter[] = [];
  const unavailable: DeadLetterService[] = [];
  results.forEach((result, i) => {
    const service = DEAD_LETTER_SERVICES[i];
    if (result.status === 'fulfilled') {
      result.value.forEach((letter) => letters.push({ ...letter, service }));
    } else {
      unavailable.push(service);
    }
  });
  if (unavailable.length === DEAD_LETTER_SERVICES.length) {
    throw (results[0] as PromiseRejectedResult).reason;
  }
  letters.sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt) || a.id.localeCompare(b.id));
  return { letters, unavailable };
}

export const deadLetters = async () =>
  mergeDeadLetters(await Promise.allSettled(DEAD_LETTER_SERVICES.map((service) => get<DeadLetter[]>(`/dead-letters/${service}`))));
export const redrive = (letter: DeadLetter) => post<DeadLetter>(`/dead-letters/${letter.service ?? 'notifications'}/${letter.id}/redrive`);

/** Settles each call on its own: one service that does not know a mission yet leaves the rest. */
export async function settled<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (failure) {
    if (failure instanceof Error && failure.name === 'SessionEnded') {
      throw failure;
    }
    return undefined;
  }
}

async function noneYet<T>(call: Promise<T>, none: () => T): Promise<T> {
  try {
    return await call;
  } catch (failure) {
    if (failure instanceof ApiError && failure.problem.status === 404) {
      return none();
    }
    throw failure;
  }
}
