import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ActionForm, type Field } from '../components/ActionForm';
import { Badge, Countdown, Instant, LoadError, Loading, ProgressBar, Section } from '../components/common';
import { ExerciseBadge, ExerciseBanner } from '../components/ExerciseBanner';
import { useI18n, type I18n } from '../i18n';
import { post } from '../lib/api';
import { clockOf, nowInput } from '../lib/caseClock';
import * as data from '../lib/data';
import type { Values } from '../lib/drafts';
import { useLoad } from '../lib/hooks';
import { mandateActions, may, missionActions, type MandateAction, type MissionAction } from '../lib/permissions';
import type { Naming } from '../lib/problems';
import { declarable, naming, namesOf, notAlreadyDeclared, previousEffectiveAt, runningReduction } from '../lib/rupture';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { durationOf, durationParts, instantToZonedInput, zonedInputToInstant } from '../lib/time';
import type { Deadline, Mandate, Mandates, Mission, Note, StaffMember, TimelineEntry } from '../lib/types';
import { countryCode, dateTime, duration, effectiveTime, maxLength, thirdState, wholeNumber } from '../lib/validation';
import { signedIn } from '../session';

interface MissionData {
  mission: Mission;
  deadlines: Deadline[];
  timeline: TimelineEntry[];
  notes: Note[];
  /** The mission's people (personnel service), for choosing a person and naming them; empty if it does not answer. */
  staff: StaffMember[];
  mandates: Mandates | null;
}

async function loadMission(id: string): Promise<MissionData> {
  const [mission, deadlines, timeline, notes, staff, mandates] = await Promise.all([
    data.mission(id), data.deadlines(id), data.timeline(id), data.notes(id), data.settled(data.staff(id)), data.protectingPower(id),
  ]);
  return { mission, deadlines, timeline, notes, staff: staff ?? [], mandates };
}

export function MissionPage({ missionId }: { missionId: string }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const user = useStore(signedIn)!;
  const loaded = useLoad(() => loadMission(missionId), [missionId], 10_000);

  if (loaded.error !== undefined && !loaded.data) {
    return (
      <div class="page">
        <h1>{t('mission.title')}</h1>
        <LoadError error={loaded.error} />
      </div>
    );
  }
  if (!loaded.data) {
    return <Loading />;
  }
  const { mission, deadlines, timeline, notes, staff, mandates } = loaded.data;
  const zone = mission.timeZone;
  const reduction = runningReduction(deadlines);
  const nameOf = (staffId: string | null | undefined) => staff.find((s) => s.id === staffId)?.fullName ?? t('deadline.someone');
  const offered = missionActions(user, mission);
  const mandateOffered = mandateActions(user, mission, mandates?.mandate);
  const currentMandate = mandates && mandates.mandate.status !== 'TERMINATED' ? mandates.mandate : undefined;
  // The forms default to the mission's now: drawn anew when an exercise's case clock moves (drafts stay).
  const clockKey = mission.exercise?.caseNow;
  return (
    <div class="page mission" data-testid="mission-page" data-mission={mission.id}>
      <ExerciseBanner mission={mission} onAdvanced={loaded.reload} />
      <header class="page-header">
        <h1>{mission.name}</h1>
        <Badge group="status" value={mission.status} />
        <ExerciseBadge mission={mission} />
      </header>
      <nav class="subnav" aria-label={t('mission.related')}>
        <Link href={`/staff?mission=${mission.id}`}>{t('mission.staffLink')}</Link>
        <Link href={`/alerts?mission=${mission.id}`}>{t('mission.alertsLink')}</Link>
      </nav>
      <dl class="facts">
        <div><dt>{t('field.officeCode')}</dt><dd>{mission.officeCode}</dd></div>
        <div><dt>{t('field.kind')}</dt><dd>{label('kind', mission.kind)}</dd></div>
        <div><dt>{t('field.city')}</dt><dd>{mission.city}</dd></div>
        <div><dt>{t('field.timeZone')}</dt><dd>{mission.timeZone}</dd></div>
        <div><dt>{t('mission.states')}</dt><dd>{mission.sendingState} → {mission.receivingState}</dd></div>
        <div><dt>{t('mission.consularPosts')}</dt><dd>{mission.consularPostsClosed ? t('mission.consularClosed') : t('mission.consularOpen')}</dd></div>
        {mission.ruptureInitiatedBy && (
          <div><dt>{t('mission.initiatedBy')}</dt><dd data-testid="rupture-initiated-by">{label('initiator', mission.ruptureInitiatedBy)}</dd></div>
        )}
        <div><dt>{t('mission.ceiling')}</dt><dd><span data-testid="mission-ceiling">{mission.remainingStaffCeiling ?? '—'}</span></dd></div>
        {reduction && (
          <div><dt>{t('mission.reductionDue')}</dt><dd data-testid="reduction-due"><Instant at={reduction.dueAt} zone={zone} /></dd></div>
        )}
        {/* The mandate pending or in force names the protecting power when there is one (a successor included). */}
        <div><dt>{t('field.protectingState')}</dt><dd data-testid="mission-protecting-state">{currentMandate?.protectingState ?? mission.protectingState ?? '—'}</dd></div>
        {mission.interestsSectionServices.length > 0 && (
          <div><dt>{t('field.services')}</dt><dd>{mission.interestsSectionServices.join(', ')}</dd></div>
        )}
      </dl>
      {loaded.error !== undefined && <LoadError error={loaded.error} />}

      <MissionAlerts mission={mission} />

      <Section id="deadlines" title={t('mission.deadlines')}>
        {deadlines.length === 0 && <p class="muted">{t('mission.noDeadlines')}</p>}
        {deadlines.map((d) => (
          <DeadlineCard key={d.id} deadline={d} mission={mission} notes={notes} person={d.kind === 'PERSONAL' ? nameOf(d.staffId) : undefined}
            mayChange={may(user, 'deadlines')} onChanged={loaded.reload} />
        ))}
      </Section>

      {(mandates || mandateOffered.length > 0) && (
        <Section id="protecting-power" title={t('mission.protectingPower')}>
          <ProtectingPower key={clockKey} mission={mission} mandates={mandates} notes={notes} offered={mandateOffered} staff={staff} onDone={loaded.reload} />
        </Section>
      )}

      {(may(user, 'missionEvents') || may(user, 'notes')) && (
        <Section id="actions" title={t('mission.actions')}>
          <MissionActions key={clockKey} mission={mission} notes={notes} deadlines={deadlines} staff={staff} mandates={mandates} offered={offered}
            previous={previousEffectiveAt(timeline)} i18n={i18n} mayNotes={may(user, 'notes')} onDone={loaded.reload} />
        </Section>
      )}

      <Section id="timeline" title={t('mission.timeline')}>
        {timeline.length === 0 && <p class="muted">{t('mission.noTimeline')}</p>}
        <ol class="timeline" data-testid="timeline">
          {timeline.map((entry, index) => (
            <TimelineItem key={index} entry={entry} zone={zone} nameOf={nameOf} />
          ))}
        </ol>
      </Section>

      <Section id="notes" title={t('mission.notes')}>
        {notes.length === 0 && <p class="muted">{t('mission.noNotes')}</p>}
        {notes.length > 0 && (
          <div class="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">{t('field.noteReference')}</th><th scope="col">{t('field.direction')}</th><th scope="col">{t('field.noteAt')}</th><th scope="col">{t('field.summary')}</th></tr>
              </thead>
              <tbody>
                {notes.map((n) => (
                  <tr key={n.id}>
                    <td>{n.reference}</td>
                    <td>{label('direction', n.direction)}</td>
                    <td><Instant at={n.at} zone={zone} /></td>
                    <td>{n.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}

function DeadlineCard({ deadline, mission, notes, person, mayChange, onChanged }: {
  deadline: Deadline; mission: Mission; notes: Note[]; person?: string; mayChange: boolean; onChanged: () => void;
}) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState<'suspension' | 'extension' | 'reissue' | null>(null);
  const zone = mission.timeZone;
  const now = clockOf(mission);
  const span = durationParts(deadline.duration);
  const changeable = deadline.status === 'RUNNING' || deadline.status === 'SUSPENDED';
  const reissuable = changeable || deadline.status === 'EXPIRED';
  const noteRefs = notes.map((n) => n.reference);
  const base = `/missions/${mission.id}/deadlines/${deadline.id}`;
  const noteField: Field = { name: 'noteReference', label: t('field.noteReference'), type: 'text', required: true, suggestions: noteRefs, hint: t('hint.registeredNote'), checks: [maxLength(100)] };
  const done = () => {
    setOpen(null);
    onChanged();
  };
  return (
    <article class={`deadline-card deadline-${deadline.status.toLowerCase()}`} data-testid="deadline" data-deadline={deadline.id} data-status={deadline.status}
      data-kind={deadline.kind} data-staff={deadline.staffId ?? undefined}>
      <header class="deadline-head">
        <h3>{person !== undefined ? t('deadline.personalOf', { name: person }) : label('deadline', deadline.kind)}</h3>
        <Badge group="deadlineStatus" value={deadline.status} />
        {deadline.status === 'RUNNING' && <Countdown dueAt={deadline.dueAt} mission={mission} />}
      </header>
      <dl class="facts compact">
        <div><dt>{t('deadline.due')}</dt><dd><Instant at={deadline.dueAt} zone={zone} /></dd></div>
        <div><dt>{t('deadline.anchoredAt')}</dt><dd><Instant at={deadline.anchoredAt} zone={zone} /></dd></div>
        <div><dt>{t('deadline.window')}</dt><dd>{span ? `${span.amount} ${span.unit === 'D' ? t('time.days') : t('time.hours')}` : deadline.duration}</dd></div>
        <div><dt>{t('field.noteReference')}</dt><dd>{deadline.noteReference}</dd></div>
        <div><dt>{t('deadline.version')}</dt><dd>{deadline.version}</dd></div>
      </dl>
      <details class="history">
        <summary>{t('deadline.history', { count: deadline.history.length })}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('deadline.change')}</th><th scope="col">{t('deadline.status')}</th><th scope="col">{t('deadline.due')}</th>
                <th scope="col">{t('deadline.version')}</th><th scope="col">{t('field.noteReference')}</th><th scope="col">{t('timeline.who')}</th><th scope="col">{t('timeline.when')}</th>
              </tr>
            </thead>
            <tbody>
              {deadline.history.map((h, i) => (
                <tr key={i}>
                  <td>{label('change', h.change)}</td>
                  <td>{label('deadlineStatus', h.status)}</td>
                  <td><Instant at={h.dueAt} zone={zone} /></td>
                  <td>{h.version}</td>
                  <td>{h.noteReference ?? '—'}</td>
                  <td>{h.actor}</td>
                  <td><Instant at={h.at} zone={zone} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {mayChange && (changeable || reissuable) && (
        <div class="button-row">
          {deadline.status === 'RUNNING' && <button type="button" aria-expanded={open === 'suspension'} onClick={() => setOpen(open === 'suspension' ? null : 'suspension')}>{t('deadline.suspend')}</button>}
          {changeable && <button type="button" aria-expanded={open === 'extension'} onClick={() => setOpen(open === 'extension' ? null : 'extension')}>{t('deadline.extend')}</button>}
          {reissuable && <button type="button" aria-expanded={open === 'reissue'} onClick={() => setOpen(open === 'reissue' ? null : 'reissue')}>{t('deadline.reissue')}</button>}
        </div>
      )}
      {open === 'suspension' && (
        <ActionForm id={`suspension:${deadline.id}`} title={t('deadline.suspendTitle')} submitLabel={t('deadline.suspend')} zone={zone}
          initial={{}} fields={[noteField]} onCancel={() => setOpen(null)} onDone={done}
          onSubmit={(v) => post(`${base}/suspension`, { noteReference: v.noteReference.trim() })} />
      )}
      {open === 'extension' && (
        <ActionForm id={`extension:${deadline.id}`} title={t('deadline.extendTitle')} submitLabel={t('deadline.extend')} zone={zone}
          initial={{ newDueAt: instantToZonedInput(deadline.dueAt, zone) }}
          fields={[noteField, { name: 'newDueAt', label: t('field.newDueAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'future', now)] }]}
          onCancel={() => setOpen(null)} onDone={done}
          onSubmit={(v) => post(`${base}/extension`, { noteReference: v.noteReference.trim(), newDueAt: zonedInputToInstant(v.newDueAt, zone) })} />
      )}
      {open === 'reissue' && (
        <ActionForm id={`reissue:${deadline.id}`} title={t('deadline.reissueTitle')} submitLabel={t('deadline.reissue')} zone={zone}
          intro={<p class="hint">{t('deadline.reissueIntro')}</p>}
          initial={{ window: '72H' }}
          fields={[
            { ...noteField, checks: [maxLength(100), (value) => (notes.some((n) => n.reference === value.trim()) ? null : { key: 'validation.noteNotRegistered' })] },
            { name: 'window', label: t('field.window'), type: 'duration', required: true, checks: [duration] },
          ]}
          onCancel={() => setOpen(null)} onDone={done}
          onSubmit={(v) => {
            const note = notes.find((n) => n.reference === v.noteReference.trim())!;
            return post(`${base}/reissue`, { noteReference: note.reference, noteReceivedAt: note.at, window: durationOf(v.window) });
          }} />
      )}
    </article>
  );
}

function MissionActions({ mission, notes, deadlines, staff, mandates, offered, previous, i18n, mayNotes, onDone }: {
  mission: Mission; notes: Note[]; deadlines: Deadline[]; staff: StaffMember[]; mandates: Mandates | null; offered: MissionAction[];
  previous: string | undefined; i18n: I18n; mayNotes: boolean; onDone: () => void;
}) {
  const { t, label } = i18n;
  const zone = mission.timeZone;
  const now = clockOf(mission);
  const base = `/missions/${mission.id}`;
  const noteRefs = notes.map((n) => n.reference);
  const registeredNote: Field = {
    name: 'noteReference', label: t('field.noteReference'), type: 'text', required: true, suggestions: noteRefs, hint: t('hint.registeredNote'),
    checks: [maxLength(100)],
  };
  const newNote: Field = { name: 'noteReference', label: t('field.noteReference'), type: 'text', required: true, checks: [maxLength(100)] };
  const noteReceivedAt: Field = { name: 'noteReceivedAt', label: t('field.noteReceivedAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past', now)] };
  // Optional everywhere: left empty, the step took effect at its note's time (the service's default).
  const effectiveAt: Field = { name: 'effectiveAt', label: t('field.effectiveAt'), type: 'datetime', hint: t('hint.effectiveAt'), checks: [effectiveTime(zone, previous, now)] };
  const s = mission.status;
  const forms: { key: string; title: string; form: JSX.Element }[] = [];
  const instant = (v: Values, name: string) => zonedInputToInstant(v[name], zone);
  const optionalInstant = (v: Values, name: string) => (v[name] ? instant(v, name) : undefined);
  const about = (): Naming => naming(mission, staff, mandates);
  const nameOf = (staffId: string) => staff.find((p) => p.id === staffId)?.fullName ?? staffId;

  for (const action of offered) {
    switch (action) {
      case 'rupture':
        forms.push({
          key: 'rupture', title: t('action.rupture'),
          form: (
            <ActionForm id={`rupture:${mission.id}`} title={t('action.rupture')} submitLabel={t('action.ruptureSubmit')} zone={zone}
              intro={<p class="hint">{t('action.ruptureIntro')}</p>} naming={about}
              initial={{ initiatedBy: 'RECEIVING_STATE', noteReceivedAt: nowInput(mission), departureWindow: '72H', consularPostsClosed: 'true' }}
              fields={[
                newNote,
                { name: 'initiatedBy', label: t('field.initiatedBy'), type: 'select', required: true,
                  options: ['RECEIVING_STATE', 'SENDING_STATE'].map((x) => ({ value: x, label: label('initiator', x) })) },
                { ...noteReceivedAt, hint: t('hint.ruptureNoteAt') },
                { name: 'departureWindow', label: t('field.departureWindow'), type: 'duration', required: true, checks: [duration] },
                { name: 'consularPostsClosed', label: t('field.consularPostsClosed'), type: 'checkbox' },
                effectiveAt,
              ]}
              onSubmit={(v) => post(`${base}/rupture`, {
                noteReference: v.noteReference.trim(), initiatedBy: v.initiatedBy, noteReceivedAt: instant(v, 'noteReceivedAt'),
                departureWindow: durationOf(v.departureWindow), consularPostsClosed: v.consularPostsClosed === 'true',
                effectiveAt: optionalInstant(v, 'effectiveAt'),
              })}
              onDone={onDone} />
          ),
        });
        break;
      case 'staff-ceiling':
        forms.push({
          key: 'staff-ceiling', title: t('action.staffCeiling'),
          form: (
            <ActionForm id={`staff-ceiling:${mission.id}`} title={t('action.staffCeiling')} submitLabel={t('action.staffCeilingSubmit')} zone={zone}
              intro={<p class="hint">{t('action.staffCeilingIntro')}</p>} naming={about}
              initial={{ noteReceivedAt: nowInput(mission), window: '30D' }}
              fields={[
                newNote,
                noteReceivedAt,
                { name: 'ceiling', label: t('field.ceiling'), type: 'number', required: true, checks: [wholeNumber(0, 1000)] },
                { name: 'window', label: t('field.window'), type: 'duration', required: true, checks: [duration] },
                effectiveAt,
              ]}
              onSubmit={(v) => post(`${base}/staff-ceiling`, {
                noteReference: v.noteReference.trim(), noteReceivedAt: instant(v, 'noteReceivedAt'), ceiling: Number(v.ceiling),
                window: durationOf(v.window), effectiveAt: optionalInstant(v, 'effectiveAt'),
              })}
              onDone={onDone} />
          ),
        });
        break;
      case 'persona-non-grata':
        forms.push({
          key: 'persona-non-grata', title: t('action.personaNonGrata'),
          form: (
            <ActionForm id={`persona-non-grata:${mission.id}`} title={t('action.personaNonGrata')} submitLabel={t('action.personaNonGrataSubmit')} zone={zone}
              intro={<p class="hint">{t('action.personaNonGrataIntro')}</p>} naming={(v) => naming(mission, staff, mandates, v.staffId)}
              initial={{ noteReceivedAt: nowInput(mission), window: '72H' }}
              fields={[
                { name: 'staffId', label: t('field.person'), type: 'select', required: true,
                  options: declarable(staff).map((p) => ({ value: p.id, label: `${p.fullName} (${label('category', p.category)})` })),
                  checks: [notAlreadyDeclared(deadlines, nameOf)] },
                newNote,
                noteReceivedAt,
                { name: 'window', label: t('field.window'), type: 'duration', required: true, hint: t('hint.personalWindow'), checks: [duration] },
                effectiveAt,
              ]}
              onSubmit={(v) => post(`${base}/persona-non-grata`, {
                staffId: v.staffId, noteReference: v.noteReference.trim(), noteReceivedAt: instant(v, 'noteReceivedAt'),
                window: durationOf(v.window), effectiveAt: optionalInstant(v, 'effectiveAt'),
              })}
              onDone={onDone} />
          ),
        });
        break;
      case 'negotiation':
        forms.push({
          key: 'negotiation', title: t('action.negotiation'),
          form: (
            <ActionForm id={`negotiation:${mission.id}`} title={t('action.negotiation')} submitLabel={t('action.negotiationSubmit')} zone={zone}
              intro={<p class="hint">{t('action.negotiationIntro')}</p>} naming={about}
              initial={{ agreedAt: nowInput(mission), window: '30D' }}
              fields={[
                registeredNote,
                { name: 'agreedAt', label: t('field.agreedAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past', now)] },
                { name: 'window', label: t('field.window'), type: 'duration', required: true, checks: [duration] },
                { name: 'remainingStaffCeiling', label: t('field.remainingStaffCeiling'), type: 'number', required: true, checks: [wholeNumber(0, 1000)] },
                effectiveAt,
              ]}
              onSubmit={(v) => post(`${base}/negotiation`, {
                noteReference: v.noteReference.trim(), agreedAt: instant(v, 'agreedAt'), window: durationOf(v.window),
                remainingStaffCeiling: Number(v.remainingStaffCeiling), effectiveAt: optionalInstant(v, 'effectiveAt'),
              })}
              onDone={onDone} />
          ),
        });
        break;
      case 'agreement':
        forms.push({
          key: 'agreement', title: t('action.agreement'),
          form: (
            <ActionForm id={`agreement:${mission.id}`} title={t('action.agreement')} submitLabel={t('action.agreementSubmit')} zone={zone}
              naming={about} initial={{ staffCeiling: mission.remainingStaffCeiling?.toString() ?? '' }}
              fields={[
                registeredNote,
                { name: 'protectingState', label: t('field.protectingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode, thirdState(mission)] },
                { name: 'staffCeiling', label: t('field.staffCeiling'), type: 'number', required: true, checks: [wholeNumber(0, 1000)] },
                { name: 'services', label: t('field.services'), type: 'textarea', hint: t('hint.services') },
                effectiveAt,
              ]}
              onSubmit={(v) => post(`${base}/agreement`, {
                noteReference: v.noteReference.trim(), protectingState: v.protectingState, staffCeiling: Number(v.staffCeiling),
                services: (v.services ?? '').split(/[\n,]/).map((x) => x.trim()).filter(Boolean), effectiveAt: optionalInstant(v, 'effectiveAt'),
              })}
              onDone={onDone} />
          ),
        });
        break;
      case 'cessation':
        forms.push({
          key: 'cessation', title: t('action.cessation'),
          form: (
            <ActionForm id={`cessation:${mission.id}`} title={t('action.cessation')} submitLabel={t('action.cessationSubmit')} zone={zone}
              intro={<p class="hint">{t(s === 'RELATIONS_SEVERED' ? 'action.cessationIntroSevered' : 'action.cessationIntro')}</p>} naming={about}
              initial={{ finalDepartureWindow: '72H' }}
              fields={[
                registeredNote,
                effectiveAt,
                { name: 'finalDepartureWindow', label: t('field.finalDepartureWindow'), type: 'duration', required: true, checks: [duration] },
              ]}
              onSubmit={(v) => post(`${base}/cessation`, {
                noteReference: v.noteReference.trim(), effectiveAt: optionalInstant(v, 'effectiveAt'), finalDepartureWindow: durationOf(v.finalDepartureWindow),
              })}
              onDone={onDone} />
          ),
        });
        break;
      case 'restoration':
        forms.push({
          key: 'restoration', title: t('action.restoration'),
          form: (
            <ActionForm id={`restoration:${mission.id}`} title={t('action.restoration')} submitLabel={t('action.restorationSubmit')} zone={zone}
              intro={<p class="hint">{t('action.restorationIntro')}</p>} naming={about}
              initial={{}}
              fields={[registeredNote, effectiveAt]}
              onSubmit={(v) => post(`${base}/restoration`, { noteReference: v.noteReference.trim(), effectiveAt: optionalInstant(v, 'effectiveAt') })}
              onDone={onDone} />
          ),
        });
        break;
      case 'closure':
        forms.push({
          key: 'closure', title: t('action.closure'),
          form: (
            <ActionForm id={`closure:${mission.id}`} title={t('action.closure')} submitLabel={t('action.closureSubmit')} zone={zone}
              naming={about} initial={{ effectiveAt: nowInput(mission) }}
              fields={[registeredNote, { ...effectiveAt, label: t('field.closedAt'), hint: undefined, required: true }]}
              onSubmit={(v) => post(`${base}/closure`, { noteReference: v.noteReference.trim(), effectiveAt: instant(v, 'effectiveAt') })}
              onDone={onDone} />
          ),
        });
        break;
    }
  }
  if (mayNotes) {
    forms.push({
      key: 'note', title: t('action.note'),
      form: (
        <ActionForm id={`note:${mission.id}`} title={t('action.note')} submitLabel={t('action.noteSubmit')} zone={zone}
          naming={about} initial={{ direction: 'INCOMING', at: nowInput(mission) }}
          fields={[
            { name: 'reference', label: t('field.noteReference'), type: 'text', required: true, checks: [maxLength(100)] },
            { name: 'direction', label: t('field.direction'), type: 'select', required: true, options: ['INCOMING', 'OUTGOING'].map((x) => ({ value: x, label: label('direction', x) })) },
            { name: 'at', label: t('field.noteAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past', now)] },
            { name: 'summary', label: t('field.summary'), type: 'textarea', checks: [maxLength(2000)] },
          ]}
          onSubmit={(v) => post(`${base}/notes`, { reference: v.reference.trim(), direction: v.direction, at: instant(v, 'at'), summary: v.summary?.trim() || null })}
          onDone={onDone} />
      ),
    });
  }
  if (forms.length === 0) {
    return <p class="muted">{t('mission.noActions', { status: label('status', s) })}</p>;
  }
  return <ActionList forms={forms} />;
}

function ActionList({ forms }: { forms: { key: string; title: string; form: JSX.Element }[] }) {
  return (
    <div class="actions">
      {forms.map((a) => (
        <details key={a.key} class="action" data-action={a.key}>
          <summary>{a.title}</summary>
          {a.form}
        </details>
      ))}
    </div>
  );
}

/** The protecting power's mandate (status, state, scope, consent, custody, predecessors) and what can be done to it. */
function ProtectingPower({ mission, mandates, notes, offered, staff, onDone }: {
  mission: Mission; mandates: Mandates | null; notes: Note[]; offered: MandateAction[]; staff: StaffMember[]; onDone: () => void;
}) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const zone = mission.timeZone;
  const now = clockOf(mission);
  const base = `/missions/${mission.id}/protecting-power`;
  const names = namesOf(mission, staff, mandates);
  const about = (): Naming => naming(mission, staff, mandates);
  const scopes = ['DIPLOMATIC', 'CONSULAR', 'BOTH'].map((x) => ({ value: x, label: label('scope', x) }));
  const forms: { key: string; title: string; form: JSX.Element }[] = [];
  for (const action of offered) {
    if (action === 'designate') {
      forms.push({
        key: 'protecting-power', title: t('action.protectingPower'),
        form: (
          <ActionForm id={`protecting-power:${mission.id}`} title={t('action.protectingPower')} submitLabel={t('action.protectingPowerSubmit')} zone={zone}
            intro={<p class="hint">{t('action.protectingPowerIntro')}</p>} naming={about}
            initial={{ scope: 'BOTH', protectingState: mission.protectingState ?? '', custodyOfPremises: 'true', custodyOfArchives: 'true' }}
            fields={[
              { name: 'protectingState', label: t('field.protectingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode, thirdState(mission)] },
              { name: 'scope', label: t('field.scope'), type: 'select', required: true, options: scopes },
              { name: 'hostConsentAt', label: t('field.hostConsentAt'), type: 'datetime', hint: t('hint.hostConsentPending'), checks: [dateTime(zone, 'past', now)] },
              { name: 'custodyOfPremises', label: t('field.custodyOfPremises'), type: 'checkbox' },
              { name: 'custodyOfArchives', label: t('field.custodyOfArchives'), type: 'checkbox' },
            ]}
            onSubmit={(v) => post<Mandate>(base, {
              protectingState: v.protectingState, scope: v.scope, hostConsentAt: v.hostConsentAt ? zonedInputToInstant(v.hostConsentAt, zone) : undefined,
              custodyOfPremises: v.custodyOfPremises === 'true', custodyOfArchives: v.custodyOfArchives === 'true',
            })}
            onDone={onDone} />
        ),
      });
    } else if (action === 'consent') {
      forms.push({
        key: 'protecting-power-consent', title: t('mandate.consent'),
        form: (
          <ActionForm id={`protecting-power-consent:${mission.id}`} title={t('mandate.consent')} submitLabel={t('mandate.consentSubmit')} zone={zone}
            naming={about} initial={{ hostConsentAt: nowInput(mission) }}
            fields={[{ name: 'hostConsentAt', label: t('field.hostConsentAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past', now)] }]}
            onSubmit={(v) => post<Mandate>(`${base}/consent`, { hostConsentAt: zonedInputToInstant(v.hostConsentAt, zone) })}
            onDone={onDone} />
        ),
      });
    } else {
      const withSuccessor = (v: Values) => v.withSuccessor === 'true';
      forms.push({
        key: 'protecting-power-termination', title: t('mandate.terminate'),
        form: (
          <ActionForm id={`protecting-power-termination:${mission.id}`} title={t('mandate.terminate')} submitLabel={t('mandate.terminateSubmit')} zone={zone}
            intro={<p class="hint">{t('mandate.terminateIntro')}</p>} naming={about}
            initial={{ withSuccessor: 'false', successorScope: 'BOTH' }}
            fields={[
              { name: 'noteReference', label: t('field.noteReference'), type: 'text', required: true, suggestions: notes.map((n) => n.reference), hint: t('hint.registeredNote'), checks: [maxLength(100)] },
              { name: 'effectiveAt', label: t('field.effectiveAt'), type: 'datetime', hint: t('hint.effectiveAt'), checks: [dateTime(zone, 'past', now)] },
              { name: 'withSuccessor', label: t('field.withSuccessor'), type: 'checkbox' },
              { name: 'successorState', label: t('field.successorState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode, thirdState(mission)], shownWhen: withSuccessor },
              { name: 'successorScope', label: t('field.successorScope'), type: 'select', required: true, options: scopes, shownWhen: withSuccessor },
              { name: 'successorConsentAt', label: t('field.successorConsentAt'), type: 'datetime', hint: t('hint.hostConsentPending'), checks: [dateTime(zone, 'past', now)], shownWhen: withSuccessor },
            ]}
            onSubmit={(v) => post(`${base}/termination`, {
              noteReference: v.noteReference.trim(), effectiveAt: v.effectiveAt ? zonedInputToInstant(v.effectiveAt, zone) : undefined,
              successor: withSuccessor(v)
                ? { protectingState: v.successorState, scope: v.successorScope, hostConsentAt: v.successorConsentAt ? zonedInputToInstant(v.successorConsentAt, zone) : undefined }
                : undefined,
            })}
            onDone={onDone} />
        ),
      });
    }
  }
  return (
    <>
      {mandates ? <MandateFacts mandate={mandates.mandate} zone={zone} names={names} /> : <p class="muted">{t('mission.noProtectingPower')}</p>}
      {mandates && mandates.history.length > 0 && (
        <details class="history" data-testid="mandate-history">
          <summary>{t('mandate.predecessors', { count: mandates.history.length })}</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('field.protectingState')}</th><th scope="col">{t('field.scope')}</th><th scope="col">{t('field.status')}</th>
                  <th scope="col">{t('mandate.entryIntoForce')}</th><th scope="col">{t('mandate.terminatedAt')}</th><th scope="col">{t('field.noteReference')}</th>
                </tr>
              </thead>
              <tbody>
                {mandates.history.map((m) => (
                  <tr key={m.id} data-mandate={m.id}>
                    <td>{m.protectingState}</td>
                    <td>{label('scope', m.scope)}</td>
                    <td>{label('mandateStatus', m.status)}</td>
                    <td><Instant at={m.entryIntoForce} zone={zone} /></td>
                    <td><Instant at={m.terminatedAt} zone={zone} /></td>
                    <td>{m.terminationNote ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {forms.length > 0 && <ActionList forms={forms} />}
    </>
  );
}

function MandateFacts({ mandate, zone, names }: { mandate: Mandate; zone: string; names: Record<string, string> }) {
  const { t, label } = useI18n();
  const custody = [mandate.custodyOfPremises && t('mandate.premises'), mandate.custodyOfArchives && t('mandate.archives')].filter(Boolean).join(', ');
  return (
    <article class="mandate" data-testid="mandate" data-status={mandate.status}>
      <header class="deadline-head">
        <h3>{t('mandate.title', { state: mandate.protectingState })}</h3>
        <Badge group="mandateStatus" value={mandate.status} />
      </header>
      <dl class="facts compact">
        <div><dt>{t('field.protectingState')}</dt><dd data-testid="mandate-state">{mandate.protectingState}</dd></div>
        <div><dt>{t('mandate.protectedState')}</dt><dd>{mandate.protectedState} → {mandate.receivingState}</dd></div>
        <div><dt>{t('field.scope')}</dt><dd data-testid="mandate-scope">{label('scope', mandate.scope)}</dd></div>
        <div>
          <dt>{t('field.hostConsentAt')}</dt>
          <dd data-testid="mandate-consent">{mandate.hostConsentAt ? <Instant at={mandate.hostConsentAt} zone={zone} /> : t('mandate.awaiting')}</dd>
        </div>
        {mandate.entryIntoForce && <div><dt>{t('mandate.entryIntoForce')}</dt><dd><Instant at={mandate.entryIntoForce} zone={zone} /></dd></div>}
        <div><dt>{t('mandate.custody')}</dt><dd data-testid="mandate-custody">{custody || t('mandate.noCustody')}</dd></div>
        <div><dt>{t('mandate.designatedBy')}</dt><dd><Instant at={mandate.designatedAt} zone={zone} /> {t('timeline.by', { actor: mandate.designatedBy })}</dd></div>
        {mandate.terminatedAt && (
          <div><dt>{t('mandate.terminatedAt')}</dt><dd><Instant at={mandate.terminatedAt} zone={zone} /> {mandate.terminationNote && `· ${mandate.terminationNote}`}</dd></div>
        )}
        {mandate.predecessorId && (
          <div><dt>{t('mandate.predecessor')}</dt><dd>{t('mandate.successorOf', { state: names[mandate.predecessorId.toLowerCase()] ?? '—' })}</dd></div>
        )}
      </dl>
    </article>
  );
}

/** Differ by a minute or more: the page shows times to the minute. */
const differs = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && Math.abs(Date.parse(a) - Date.parse(b)) >= 60_000;

function TimelineItem({ entry, zone, nameOf }: { entry: TimelineEntry; zone: string; nameOf: (staffId: string | null | undefined) => string }) {
  const { t, label } = useI18n();
  const effective = entry.effectiveAt ?? entry.at;
  let text: string;
  switch (entry.type) {
    case 'NOTE':
      text = t(entry.what === 'OUTGOING' ? 'timeline.noteSent' : 'timeline.noteReceived', { reference: entry.noteReference ?? '' });
      break;
    case 'TRANSITION':
      text = entry.fromStatus === entry.toStatus
        ? t('timeline.sameStatus', { status: label('status', entry.toStatus) })
        : t('timeline.transition', { from: label('status', entry.fromStatus), to: label('status', entry.toStatus) });
      break;
    case 'DEADLINE':
      text = entry.deadlineKind === 'PERSONAL'
        ? t('timeline.personalDeadline', { name: nameOf(entry.staffId), change: label('change', entry.what) })
        : t('timeline.deadline', { kind: label('deadline', entry.deadlineKind), change: label('change', entry.what) });
      break;
    case 'PROTECTING_POWER':
      text = t('timeline.protectingPower', { change: label('mandateChange', entry.what) });
      break;
    default:
      text = entry.what ?? entry.type;
  }
  return (
    <li class={`timeline-entry ${entry.type.toLowerCase()}`} data-type={entry.type} data-staff={entry.staffId ?? undefined}>
      <div class="when">
        <Instant at={effective} zone={zone} />
        {differs(entry.recordedAt, effective) && (
          <span class="recorded small muted" data-testid="recorded-at">{t('timeline.recordedAt')}: <Instant at={entry.recordedAt} zone={zone} /></span>
        )}
      </div>
      <div class="what">
        <strong>{text}</strong>
        {entry.type === 'DEADLINE' && entry.dueAt && (
          <span class="small"> · {t('deadline.due')}: <Instant at={entry.dueAt} zone={zone} /> · {t('deadline.version')} {entry.version}</span>
        )}
        {entry.legalBasis && <p class="small">{t('timeline.legalBasis')}: {entry.legalBasis}</p>}
        {entry.type !== 'NOTE' && entry.noteReference && <p class="small">{t('timeline.note', { reference: entry.noteReference })}</p>}
        {entry.summary && <p class="small">{entry.summary}</p>}
        {entry.actor && <p class="small muted">{t('timeline.by', { actor: entry.actor })}</p>}
      </div>
    </li>
  );
}

/** The departure alerts of this mission as they go out: polled while the page is open. */
function MissionAlerts({ mission }: { mission: Mission }) {
  const { t } = useI18n();
  const progress = useLoad(() => data.alertProgress(mission.id), [mission.id, mission.status], 2000);
  return (
    <Section id="mission-alerts" title={t('mission.alerts')} actions={<Link href={`/alerts?mission=${mission.id}`}>{t('mission.alertsLink')}</Link>}>
      <div aria-live="polite">
        {progress.data ? <ProgressBar progress={progress.data} name={mission.name} /> : progress.error !== undefined ? <LoadError error={progress.error} /> : <Loading />}
      </div>
    </Section>
  );
}
