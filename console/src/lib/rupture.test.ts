import { describe, expect, it } from 'vitest';
import { i18nFor } from '../i18n';
import { declarable, namesOf, naming, notAlreadyDeclared, openPersonalDeadline, previousEffectiveAt, runningReduction } from './rupture';
import type { Deadline, DeadlineStatus, StaffMember, StaffStatus, TimelineEntry } from './types';

const PEDRO = '3f1c2d4e-0000-4000-8000-000000000001';
const LUCIA = '3f1c2d4e-0000-4000-8000-000000000002';
const MISSION = { id: '9a8b7c6d-0000-4000-8000-00000000000a', name: 'Embassy of Venezuela in Washington' };

function deadline(kind: string, status: DeadlineStatus, staffId?: string): Deadline {
  return {
    id: `${kind}-${status}-${staffId ?? ''}`, kind, noteReference: 'N-1', anchoredAt: '2019-01-23T20:00:00Z', duration: 'PT72H',
    dueAt: '2019-01-26T20:00:00Z', status, version: 1, remaining: 'PT1H', supersedes: null, history: [], staffId,
  };
}

function person(id: string, fullName: string, status: StaffStatus = 'ACCREDITED'): StaffMember {
  return {
    id, missionId: MISSION.id, officeCode: 'WAS', fullName, category: 'DIPLOMATIC_AGENT', principalId: null, nationality: 'VE', email: 'x@example.org',
    phone: '+12025550123', preferredLanguage: 'es', status, departureDeadlineId: null, departureDeadlineKind: null, departureDeadlineVersion: null,
    departureDueAt: null, departedAt: null,
  };
}

function transition(effectiveAt: string, at = effectiveAt): Partial<TimelineEntry> {
  return { type: 'TRANSITION', at, effectiveAt };
}

describe('the shapes of a rupture on the mission page', () => {
  it('finds the reduction under way, not one already met', () => {
    expect(runningReduction([deadline('REDUCTION', 'MET'), deadline('DEPARTURE', 'RUNNING')])).toBeUndefined();
    expect(runningReduction([deadline('REDUCTION', 'MET'), deadline('REDUCTION', 'SUSPENDED')])?.status).toBe('SUSPENDED');
  });

  it('finds each person’s own open deadline', () => {
    const deadlines = [deadline('PERSONAL', 'RUNNING', PEDRO), deadline('PERSONAL', 'MET', LUCIA)];
    expect(openPersonalDeadline(deadlines, PEDRO)?.staffId).toBe(PEDRO);
    expect(openPersonalDeadline(deadlines, LUCIA)).toBeUndefined();
  });

  it('refuses, by name, a second declaration of the same person before sending it', () => {
    const check = notAlreadyDeclared([deadline('PERSONAL', 'RUNNING', PEDRO)], (id) => (id === PEDRO ? 'Pedro Secretario' : id));
    const refused = check(PEDRO);
    expect(refused).toEqual({ key: 'validation.alreadyPersonaNonGrata', params: { person: 'Pedro Secretario' } });
    expect(i18nFor('en').tk(refused!.key, refused!.params)).toBe(
      'Pedro Secretario was already declared persona non grata: extend or reissue that deadline instead.',
    );
    expect(check(LUCIA)).toBeNull();
    expect(check('')).toBeNull();
  });

  it('offers only people still there, by name', () => {
    const offered = declarable([person(PEDRO, 'Pedro Secretario'), person(LUCIA, 'Lucía Consejera'), person('gone', 'Ana Ida', 'DEPARTED')]);
    expect(offered.map((p) => p.fullName)).toEqual(['Lucía Consejera', 'Pedro Secretario']);
  });

  it('knows when the mission’s latest step took effect, whatever order the entries come in', () => {
    const timeline = [transition('2019-01-23T20:00:00Z'), { type: 'NOTE', at: '2019-02-01T00:00:00Z' }, transition('2019-01-25T10:00:00Z')];
    expect(previousEffectiveAt(timeline as TimelineEntry[])).toBe('2019-01-25T10:00:00Z');
    // An older service sends only "at".
    expect(previousEffectiveAt([{ type: 'TRANSITION', at: '2019-01-20T00:00:00Z' } as TimelineEntry])).toBe('2019-01-20T00:00:00Z');
    expect(previousEffectiveAt([])).toBeUndefined();
  });

  it('names the mission, its people and its protecting powers by their ids', () => {
    const staff = [person(PEDRO, 'Pedro Secretario')];
    const mandate = { id: 'AB000000-0000-4000-8000-000000000000', protectingState: 'CH' };
    const names = namesOf(MISSION, staff, { mandate: mandate as never, history: [] });
    expect(names).toEqual({ [MISSION.id]: MISSION.name, [PEDRO]: 'Pedro Secretario', 'ab000000-0000-4000-8000-000000000000': 'CH' });
    expect(naming(MISSION, staff, null, PEDRO)).toMatchObject({ mission: MISSION.name, person: 'Pedro Secretario' });
    expect(naming(MISSION, staff, null).person).toBeUndefined();
  });
});
