import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ActionForm, type Field } from '../components/ActionForm';
import { Badge, Countdown, Instant, LoadError, Loading, ProgressBar, Section } from '../components/common';
import { useI18n, type I18n } from '../i18n';
import { post } from '../lib/api';
import * as data from '../lib/data';
import type { Values } from '../lib/drafts';
import { useLoad } from '../lib/hooks';
import { may } from '../lib/permissions';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { durationOf, durationParts, instantToZonedInput, zonedInputToInstant } from '../lib/time';
import type { Deadline, Mission, Note, TimelineEntry } from '../lib/types';
import { countryCode, dateTime, duration, maxLength, wholeNumber } from '../lib/validation';
import { signedIn } from '../session';

interface MissionData {
  mission: Mission;
  deadlines: Deadline[];
  timeline: TimelineEntry[];
  notes: Note[];
}

async function loadMission(id: string): Promise<MissionData> {
  const [mission, deadlines, timeline, notes] = await Promise.all([data.mission(id), data.deadlines(id), data.timeline(id), data.notes(id)]);
  return { mission, deadlines, timeline, notes };
}

const nowInput = (zone: string) => instantToZonedInput(Date.now(), zone);

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
  const { mission, deadlines, timeline, notes } = loaded.data;
  const zone = mission.timeZone;
  const hasProtectingPower = timeline.some((e) => e.type === 'PROTECTING_POWER');
  return (
    <div class="page mission" data-testid="mission-page" data-mission={mission.id}>
      <header class="page-header">
        <h1>{mission.name}</h1>
        <Badge group="status" value={mission.status} />
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
        <div><dt>{t('mission.ceiling')}</dt><dd data-testid="mission-ceiling">{mission.remainingStaffCeiling ?? '—'}</dd></div>
        <div><dt>{t('field.protectingState')}</dt><dd>{mission.protectingState ?? '—'}</dd></div>
        {mission.interestsSectionServices.length > 0 && (
          <div><dt>{t('field.services')}</dt><dd>{mission.interestsSectionServices.join(', ')}</dd></div>
        )}
      </dl>
      {loaded.error !== undefined && <LoadError error={loaded.error} />}

      <MissionAlerts mission={mission} />

      <Section id="deadlines" title={t('mission.deadlines')}>
        {deadlines.length === 0 && <p class="muted">{t('mission.noDeadlines')}</p>}
        {deadlines.map((d) => (
          <DeadlineCard key={d.id} deadline={d} mission={mission} notes={notes} mayChange={may(user, 'deadlines')} onChanged={loaded.reload} />
        ))}
      </Section>

      {(may(user, 'missionEvents') || may(user, 'notes')) && (
        <Section id="actions" title={t('mission.actions')}>
          <MissionActions mission={mission} notes={notes} hasProtectingPower={hasProtectingPower} i18n={i18n}
            mayEvents={may(user, 'missionEvents')} mayNotes={may(user, 'notes')} onDone={loaded.reload} />
        </Section>
      )}

      <Section id="timeline" title={t('mission.timeline')}>
        {timeline.length === 0 && <p class="muted">{t('mission.noTimeline')}</p>}
        <ol class="timeline" data-testid="timeline">
          {timeline.map((entry, index) => (
            <TimelineItem key={index} entry={entry} zone={zone} />
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

function DeadlineCard({ deadline, mission, notes, mayChange, onChanged }: { deadline: Deadline; mission: Mission; notes: Note[]; mayChange: boolean; onChanged: () => void }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState<'suspension' | 'extension' | 'reissue' | null>(null);
  const zone = mission.timeZone;
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
    <article class={`deadline-card deadline-${deadline.status.toLowerCase()}`} data-testid="deadline" data-deadline={deadline.id} data-status={deadline.status}>
      <header class="deadline-head">
        <h3>{label('deadline', deadline.kind)}</h3>
        <Badge group="deadlineStatus" value={deadline.status} />
        {deadline.status === 'RUNNING' && <Countdown dueAt={deadline.dueAt} />}
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
          fields={[noteField, { name: 'newDueAt', label: t('field.newDueAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'future')] }]}
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

function MissionActions({ mission, notes, hasProtectingPower, i18n, mayEvents, mayNotes, onDone }: {
  mission: Mission; notes: Note[]; hasProtectingPower: boolean; i18n: I18n; mayEvents: boolean; mayNotes: boolean; onDone: () => void;
}) {
  const { t, label } = i18n;
  const zone = mission.timeZone;
  const base = `/missions/${mission.id}`;
  const noteRefs = notes.map((n) => n.reference);
  const registeredNote: Field = {
    name: 'noteReference', label: t('field.noteReference'), type: 'text', required: true, suggestions: noteRefs, hint: t('hint.registeredNote'),
    checks: [maxLength(100)],
  };
  const s = mission.status;
  const consulate = mission.kind === 'CONSULATE';
  const offered: { key: string; title: string; form: JSX.Element }[] = [];
  const instant = (v: Values, name: string) => zonedInputToInstant(v[name], zone);

  if (mayEvents && s === 'OPERATING') {
    offered.push({
      key: 'rupture', title: t('action.rupture'),
      form: (
        <ActionForm id={`rupture:${mission.id}`} title={t('action.rupture')} submitLabel={t('action.ruptureSubmit')} zone={zone}
          intro={<p class="hint">{t('action.ruptureIntro')}</p>}
          initial={{ noteReceivedAt: nowInput(zone), departureWindow: '72H', consularPostsClosed: 'true' }}
          fields={[
            { name: 'noteReference', label: t('field.noteReference'), type: 'text', required: true, checks: [maxLength(100)] },
            { name: 'noteReceivedAt', label: t('field.noteReceivedAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past')] },
            { name: 'departureWindow', label: t('field.departureWindow'), type: 'duration', required: true, checks: [duration] },
            { name: 'consularPostsClosed', label: t('field.consularPostsClosed'), type: 'checkbox' },
          ]}
          onSubmit={(v) => post(`${base}/rupture`, {
            noteReference: v.noteReference.trim(), noteReceivedAt: instant(v, 'noteReceivedAt'), departureWindow: durationOf(v.departureWindow),
            consularPostsClosed: v.consularPostsClosed === 'true',
          })}
          onDone={onDone} />
      ),
    });
  }
  if (mayEvents && s === 'RELATIONS_SEVERED') {
    offered.push({
      key: 'negotiation', title: t('action.negotiation'),
      form: (
        <ActionForm id={`negotiation:${mission.id}`} title={t('action.negotiation')} submitLabel={t('action.negotiationSubmit')} zone={zone}
          intro={<p class="hint">{t('action.negotiationIntro')}</p>}
          initial={{ agreedAt: nowInput(zone), window: '30D' }}
          fields={[
            registeredNote,
            { name: 'agreedAt', label: t('field.agreedAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past')] },
            { name: 'window', label: t('field.window'), type: 'duration', required: true, checks: [duration] },
            { name: 'remainingStaffCeiling', label: t('field.remainingStaffCeiling'), type: 'number', required: true, checks: [wholeNumber(0, 1000)] },
          ]}
          onSubmit={(v) => post(`${base}/negotiation`, {
            noteReference: v.noteReference.trim(), agreedAt: instant(v, 'agreedAt'), window: durationOf(v.window),
            remainingStaffCeiling: Number(v.remainingStaffCeiling),
          })}
          onDone={onDone} />
      ),
    });
  }
  if (mayEvents && s === 'NEGOTIATING') {
    offered.push({
      key: 'agreement', title: t('action.agreement'),
      form: (
        <ActionForm id={`agreement:${mission.id}`} title={t('action.agreement')} submitLabel={t('action.agreementSubmit')} zone={zone}
          initial={{ staffCeiling: mission.remainingStaffCeiling?.toString() ?? '' }}
          fields={[
            registeredNote,
            { name: 'protectingState', label: t('field.protectingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode] },
            { name: 'staffCeiling', label: t('field.staffCeiling'), type: 'number', required: true, checks: [wholeNumber(0, 1000)] },
            { name: 'services', label: t('field.services'), type: 'textarea', hint: t('hint.services') },
          ]}
          onSubmit={(v) => post(`${base}/agreement`, {
            noteReference: v.noteReference.trim(), protectingState: v.protectingState, staffCeiling: Number(v.staffCeiling),
            services: (v.services ?? '').split(/[\n,]/).map((x) => x.trim()).filter(Boolean),
          })}
          onDone={onDone} />
      ),
    });
    offered.push({
      key: 'cessation', title: t('action.cessation'),
      form: (
        <ActionForm id={`cessation:${mission.id}`} title={t('action.cessation')} submitLabel={t('action.cessationSubmit')} zone={zone}
          intro={<p class="hint">{t('action.cessationIntro')}</p>}
          initial={{ effectiveAt: nowInput(zone) }}
          fields={[registeredNote, { name: 'effectiveAt', label: t('field.effectiveAt'), type: 'datetime', required: true, checks: [dateTime(zone)] }]}
          onSubmit={(v) => post(`${base}/cessation`, { noteReference: v.noteReference.trim(), effectiveAt: instant(v, 'effectiveAt') })}
          onDone={onDone} />
      ),
    });
  }
  if (mayEvents && (s === 'CEASED' || (consulate && ['OPERATING', 'RELATIONS_SEVERED', 'NEGOTIATING'].includes(s)))) {
    offered.push({
      key: 'closure', title: t('action.closure'),
      form: (
        <ActionForm id={`closure:${mission.id}`} title={t('action.closure')} submitLabel={t('action.closureSubmit')} zone={zone}
          initial={{ closedAt: nowInput(zone) }}
          fields={[registeredNote, { name: 'closedAt', label: t('field.closedAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past')] }]}
          onSubmit={(v) => post(`${base}/closure`, { noteReference: v.noteReference.trim(), closedAt: instant(v, 'closedAt') })}
          onDone={onDone} />
      ),
    });
  }
  if (mayEvents && s !== 'OPERATING' && !hasProtectingPower) {
    offered.push({
      key: 'protecting-power', title: t('action.protectingPower'),
      form: (
        <ActionForm id={`protecting-power:${mission.id}`} title={t('action.protectingPower')} submitLabel={t('action.protectingPowerSubmit')} zone={zone}
          initial={{ scope: 'BOTH', hostConsentAt: nowInput(zone), protectingState: mission.protectingState ?? '' }}
          fields={[
            { name: 'protectingState', label: t('field.protectingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode] },
            { name: 'scope', label: t('field.scope'), type: 'select', required: true, options: ['DIPLOMATIC', 'CONSULAR', 'BOTH'].map((x) => ({ value: x, label: label('scope', x) })) },
            { name: 'hostConsentAt', label: t('field.hostConsentAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past')] },
          ]}
          onSubmit={(v) => post(`${base}/protecting-power`, { protectingState: v.protectingState, scope: v.scope, hostConsentAt: instant(v, 'hostConsentAt') })}
          onDone={onDone} />
      ),
    });
  }
  if (mayNotes) {
    offered.push({
      key: 'note', title: t('action.note'),
      form: (
        <ActionForm id={`note:${mission.id}`} title={t('action.note')} submitLabel={t('action.noteSubmit')} zone={zone}
          initial={{ direction: 'INCOMING', at: nowInput(zone) }}
          fields={[
            { name: 'reference', label: t('field.noteReference'), type: 'text', required: true, checks: [maxLength(100)] },
            { name: 'direction', label: t('field.direction'), type: 'select', required: true, options: ['INCOMING', 'OUTGOING'].map((x) => ({ value: x, label: label('direction', x) })) },
            { name: 'at', label: t('field.noteAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past')] },
            { name: 'summary', label: t('field.summary'), type: 'textarea', checks: [maxLength(2000)] },
          ]}
          onSubmit={(v) => post(`${base}/notes`, { reference: v.reference.trim(), direction: v.direction, at: instant(v, 'at'), summary: v.summary?.trim() || null })}
          onDone={onDone} />
      ),
    });
  }
  if (offered.length === 0) {
    return <p class="muted">{t('mission.noActions', { status: label('status', s) })}</p>;
  }
  return (
    <div class="actions">
      {offered.map((a) => (
        <details key={a.key} class="action" data-action={a.key}>
          <summary>{a.title}</summary>
          {a.form}
        </details>
      ))}
    </div>
  );
}

function TimelineItem({ entry, zone }: { entry: TimelineEntry; zone: string }) {
  const { t, label } = useI18n();
  let text: string;
  switch (entry.type) {
    case 'NOTE':
      text = t(entry.what === 'OUTGOING' ? 'timeline.noteSent' : 'timeline.noteReceived', { reference: entry.noteReference ?? '' });
      break;
    case 'TRANSITION':
      text = t('timeline.transition', { from: label('status', entry.fromStatus), to: label('status', entry.toStatus) });
      break;
    case 'DEADLINE':
      text = t('timeline.deadline', { kind: label('deadline', entry.deadlineKind), change: label('change', entry.what) });
      break;
    case 'PROTECTING_POWER':
      text = t('timeline.protectingPower', { scope: label('scope', entry.what) });
      break;
    default:
      text = entry.what ?? entry.type;
  }
  return (
    <li class={`timeline-entry ${entry.type.toLowerCase()}`} data-type={entry.type}>
      <div class="when"><Instant at={entry.at} zone={zone} /></div>
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
