import { describe, expect, it } from 'vitest';
import { mandateActions, missionActions } from './permissions';
import type { MissionStatus, Role } from './types';

const head = { roles: ['office-head'] as Role[] };
const admin = { roles: ['ministry-admin'] as Role[] };
const embassy = (status: MissionStatus) => ({ status, kind: 'EMBASSY' as const });

describe('the lifecycle steps offered for a mission', () => {
  it('follow the missions service’s state table, status by status', () => {
    expect(missionActions(head, embassy('OPERATING'))).toEqual(['rupture', 'staff-ceiling', 'persona-non-grata']);
    expect(missionActions(head, embassy('RELATIONS_SEVERED'))).toEqual(['negotiation', 'cessation', 'persona-non-grata']);
    expect(missionActions(head, embassy('NEGOTIATING'))).toEqual(['agreement', 'cessation', 'persona-non-grata']);
    expect(missionActions(head, { status: 'INTERESTS_SECTION', kind: 'INTERESTS_SECTION' })).toEqual(['staff-ceiling', 'persona-non-grata', 'restoration']);
    expect(missionActions(head, embassy('CEASED'))).toEqual(['closure']);
    expect(missionActions(head, embassy('CLOSED'))).toEqual([]);
  });

  it('never offer a persona non grata once the mission has ceased, nor a reduction while it is being wound down', () => {
    for (const status of ['CEASED', 'CLOSED'] as const) {
      expect(missionActions(head, embassy(status))).not.toContain('persona-non-grata');
    }
    for (const status of ['RELATIONS_SEVERED', 'NEGOTIATING', 'CEASED'] as const) {
      expect(missionActions(head, embassy(status))).not.toContain('staff-ceiling');
    }
  });

  it('let a consulate be closed on its own while it is open', () => {
    expect(missionActions(head, { status: 'OPERATING', kind: 'CONSULATE' })).toContain('closure');
    expect(missionActions(head, { status: 'NEGOTIATING', kind: 'CONSULATE' })).toContain('closure');
    expect(missionActions(head, embassy('OPERATING'))).not.toContain('closure');
  });

  it('are offered to office heads and ministry administrators only', () => {
    expect(missionActions(admin, embassy('OPERATING'))).toEqual(['rupture', 'staff-ceiling', 'persona-non-grata']);
    for (const role of ['office-officer', 'office-viewer'] as Role[]) {
      for (const status of ['OPERATING', 'RELATIONS_SEVERED', 'NEGOTIATING', 'INTERESTS_SECTION', 'CEASED'] as const) {
        expect(missionActions({ roles: [role] }, embassy(status)), `${role} in ${status}`).toEqual([]);
      }
    }
  });
});

describe('what can be done to a protecting power’s mandate', () => {
  it('designating once relations are severed and while no mandate is pending or in force', () => {
    expect(mandateActions(head, embassy('OPERATING'), null)).toEqual([]);
    expect(mandateActions(head, embassy('RELATIONS_SEVERED'), null)).toEqual(['designate']);
    expect(mandateActions(head, embassy('NEGOTIATING'), { status: 'TERMINATED' })).toEqual(['designate']);
    // Relations restored: the section operates again and its mandate has ended.
    expect(mandateActions(head, embassy('OPERATING'), { status: 'TERMINATED' })).toEqual([]);
  });

  it('consent while it is pending, termination while it is pending or in force', () => {
    expect(mandateActions(head, embassy('RELATIONS_SEVERED'), { status: 'PENDING_CONSENT' })).toEqual(['consent', 'terminate']);
    expect(mandateActions(admin, embassy('INTERESTS_SECTION'), { status: 'IN_FORCE' })).toEqual(['terminate']);
  });

  it('nothing for officers and viewers', () => {
    expect(mandateActions({ roles: ['office-officer'] }, embassy('RELATIONS_SEVERED'), null)).toEqual([]);
    expect(mandateActions({ roles: ['office-viewer'] }, embassy('INTERESTS_SECTION'), { status: 'IN_FORCE' })).toEqual([]);
  });
});
