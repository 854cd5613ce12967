import { describe, expect, it } from 'vitest';
import { i18nFor } from '../i18n';
import { problemOf } from './api';
import { may } from './permissions';
import { explain } from './problems';

describe('refusals in plain words', () => {
  it('explains the remaining-staff ceiling with its numbers, in the user’s language', () => {
    const problem = {
      status: 409, title: 'Remaining-staff ceiling reached', detail: 'Mission m may keep at most 2 remaining staff, and 2 are designated',
      ceiling: 2, designated: 2, correlationId: 'abc',
    };
    expect(explain(problem, i18nFor('es')).title).toBe('Se alcanzó el límite de personal remanente: 2 de 2 ya están designados.');
    expect(explain(problem, i18nFor('en'))).toMatchObject({
      title: 'The remaining-staff ceiling is reached: 2 of 2 are designated.',
      detail: problem.detail,
      correlationId: 'abc',
    });
  });

  it('names the fields a 400 found wrong, by their labels', () => {
    const explained = explain(
      { status: 400, title: 'Invalid request', detail: '1 field is invalid', errors: [{ field: 'noteReference', message: 'must not be blank' }] },
      i18nFor('en'),
      (field) => (field === 'noteReference' ? 'Note reference' : field),
    );
    expect(explained.title).toBe('1 field(s) need correcting.');
    expect(explained.fields).toEqual([{ field: 'noteReference', message: 'Note reference: must not be blank' }]);
  });

  it('says what a refusal by role or office means', () => {
    expect(explain({ status: 403, title: 'Forbidden', detail: 'Your role may not declare a rupture' }, i18nFor('en')).title).toBe('Your role may not do this.');
    expect(explain({ status: 404, title: 'Not Found' }, i18nFor('es')).title).toBe('No existe, o no es de su oficina.');
  });

  it('explains a case clock that may not move, keeping the service’s sentence with the instants', () => {
    const backwards = {
      status: 409, title: 'Case clock moves forward only', field: 'advanceTo', caseNow: '2019-01-24T20:30:00Z',
      detail: 'The case clock of Drill stands at 2019-01-24T20:30:00Z; 2019-01-23T20:30:00Z is not later',
    };
    expect(explain(backwards, i18nFor('es'))).toMatchObject({ title: 'El reloj del caso solo avanza.', detail: backwards.detail });
    expect(explain({ status: 409, title: 'Not an exercise', detail: 'Embassy is a real mission' }, i18nFor('en')).title)
      .toBe('This mission is not an exercise: it runs on the real clock, which nobody advances.');
  });

  it('reads problem details, and plain-text refusals too', () => {
    expect(problemOf(409, '{"title":"Conflicting change","status":409}').title).toBe('Conflicting change');
    expect(problemOf(403, 'An expected CSRF token cannot be found')).toEqual({ status: 403, title: undefined, detail: 'An expected CSRF token cannot be found' });
  });
});

describe('refusals about missions and people, in their names', () => {
  const PEDRO = '3f1c2d4e-0000-4000-8000-000000000001';
  const MISSION = '9a8b7c6d-0000-4000-8000-00000000000a';
  const about = {
    mission: 'Embassy of Venezuela in Washington', person: 'Pedro Secretario',
    names: { [PEDRO]: 'Pedro Secretario', [MISSION]: 'Embassy of Venezuela in Washington' },
  };

  it('says who was already declared persona non grata', () => {
    const problem = { status: 409, title: 'Already persona non grata', detail: 'Pedro Secretario was already declared persona non grata by note N-1', deadlineId: 'd' };
    expect(explain(problem, i18nFor('en'), undefined, about).title).toBe('Pedro Secretario was already declared persona non grata.');
    expect(explain(problem, i18nFor('es'), undefined, about).title).toBe('Pedro Secretario ya fue declarado persona non grata.');
  });

  it('says who is not on the staff of which mission, with no id left in the service’s sentence', () => {
    const problem = {
      status: 404, title: 'Staff member not found', field: 'staffId',
      detail: `Staff member ${PEDRO} is not on the staff of Embassy of Venezuela in Washington (someone registered a moment ago may take a few seconds to be known here)`,
    };
    const explained = explain(problem, i18nFor('en'), undefined, about);
    expect(explained.title).toBe('Pedro Secretario is not on the staff of Embassy of Venezuela in Washington.');
    expect(explained.detail).toContain('Staff member Pedro Secretario is not on the staff');
    expect(explained.detail).not.toContain(PEDRO);
  });

  it('names the mission in place of its id, and says "this mission" when nothing names it', () => {
    expect(explain({ status: 404, title: 'Mission not found', detail: `No mission with id ${MISSION.toUpperCase()}` }, i18nFor('en'), undefined, about).detail)
      .toBe('No mission with id Embassy of Venezuela in Washington');
    expect(explain({ status: 409, title: 'No protecting power', detail: 'x' }, i18nFor('en')).title)
      .toBe('There is no protecting power pending consent or in force for this mission.');
  });

  it('gives a reduction’s refusals their numbers', () => {
    expect(explain({ status: 409, title: 'Ceiling below the remaining staff', ceiling: 1, designated: 2 }, i18nFor('en'), undefined, about).title)
      .toBe('A ceiling of 1 is below the 2 people already designated to remain at Embassy of Venezuela in Washington.');
    expect(explain({ status: 409, title: 'Reduction already running' }, i18nFor('es'), undefined, about).title)
      .toBe('Ya corre una reducción de Embassy of Venezuela in Washington: prorrogue o reemita su plazo.');
  });

  it('reads the status a refusal cites in words: the mission’s, or the mandate’s', () => {
    expect(explain({ status: 409, title: 'Transition not allowed', currentStatus: 'CEASED' }, i18nFor('en')).title)
      .toBe('This step is not possible in the mission’s current status (Ceased).');
    expect(explain({ status: 409, title: 'Protecting power already designated', currentStatus: 'PENDING_CONSENT' }, i18nFor('en'), undefined, about).title)
      .toBe('A protecting power is already designated for Embassy of Venezuela in Washington (Pending consent): terminate its mandate first, naming a successor if one takes over.');
    expect(explain({ status: 409, title: 'Mandate change not allowed', currentStatus: 'TERMINATED' }, i18nFor('es')).title)
      .toBe('El mandato no puede cambiarse en su estado actual (Terminado).');
  });
});

describe('what each role is offered', () => {
  it('follows the design’s table of roles', () => {
    expect(may({ roles: ['office-head'] }, 'missionEvents')).toBe(true);
    expect(may({ roles: ['office-head'] }, 'deadLetters')).toBe(false);
    expect(may({ roles: ['office-officer'] }, 'missionEvents')).toBe(false);
    expect(may({ roles: ['office-officer'] }, 'registerStaff')).toBe(true);
    expect(may({ roles: ['office-officer'] }, 'remainingStaff')).toBe(false);
    expect(may({ roles: ['office-viewer'] }, 'editStaff')).toBe(false);
    expect(may({ roles: ['ministry-admin'] }, 'deadLetters')).toBe(true);
  });
});
