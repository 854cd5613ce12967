// What the mission page reads out of a mission's deadlines, timeline, staff and mandates for the
// shapes of a rupture beyond the first: the reduction's cap and deadline, each persona non grata's
// own deadline named after the person, and the names the refusals use instead of ids.

import type { Naming } from './problems';
import type { Deadline, Mandates, Mission, StaffMember, TimelineEntry } from './types';
import type { Invalid } from './validation';

const OPEN = ['RUNNING', 'SUSPENDED'];

/** A deadline still to be met: running or suspended. */
export const isOpen = (deadline: Pick<Deadline, 'status'>) => OPEN.includes(deadline.status);

/** The reduction under way (the open REDUCTION deadline), if any. */
export function runningReduction(deadlines: Deadline[]): Deadline | undefined {
  return deadlines.find((d) => d.kind === 'REDUCTION' && isOpen(d));
}

/** The open personal deadline of this person (a persona non grata not yet gone), if any. */
export function openPersonalDeadline(deadlines: Deadline[], staffId: string): Deadline | undefined {
  return deadlines.find((d) => d.kind === 'PERSONAL' && d.staffId === staffId && isOpen(d));
}

/** People who can still be declared persona non grata: on the mission's staff and not gone. */
export function declarable(staff: StaffMember[]): StaffMember[] {
  return staff.filter((s) => s.status !== 'DEPARTED').sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/** A check for the person chosen: refused before sending when their own deadline already runs. */
export function notAlreadyDeclared(deadlines: Deadline[], nameOf: (staffId: string) => string) {
  return (staffId: string): Invalid =>
    staffId && openPersonalDeadline(deadlines, staffId)
      ? { key: 'validation.alreadyPersonaNonGrata', params: { person: nameOf(staffId) } }
      : null;
}

/** When the mission's latest step took effect: no new step may take effect before it. */
export function previousEffectiveAt(timeline: TimelineEntry[]): string | undefined {
  return timeline
    .filter((e) => e.type === 'TRANSITION')
    .map((e) => e.effectiveAt ?? e.at)
    .reduce<string | undefined>((latest, at) => (!latest || Date.parse(at) > Date.parse(latest) ? at : latest), undefined);
}

/** Every id the mission page knows a name for: the mission, its people, its mandates' states. */
export function namesOf(mission: Pick<Mission, 'id' | 'name'>, staff: Pick<StaffMember, 'id' | 'fullName'>[], mandates?: Mandates | null): Record<string, string> {
  const names: Record<string, string> = { [mission.id.toLowerCase()]: mission.name };
  for (const person of staff) {
    names[person.id.toLowerCase()] = person.fullName;
  }
  for (const mandate of mandates ? [mandates.mandate, ...mandates.history] : []) {
    names[mandate.id.toLowerCase()] = mandate.protectingState;
  }
  return names;
}

/** The naming of a refusal about this mission and, if one was chosen, this person. */
export function naming(mission: Pick<Mission, 'id' | 'name'>, staff: Pick<StaffMember, 'id' | 'fullName'>[], mandates?: Mandates | null, staffId?: string): Naming {
  const person = staffId ? staff.find((s) => s.id === staffId)?.fullName : undefined;
  return { mission: mission.name, person, names: namesOf(mission, staff, mandates) };
}
