import { useState } from 'preact/hooks';
import { ActionForm } from '../components/ActionForm';
import { Gauge, Instant, LoadError, Loading, ProblemBox, Section } from '../components/common';
import { ExerciseBanner } from '../components/ExerciseBanner';
import { MissionPicker } from '../components/MissionPicker';
import { useI18n, type I18n } from '../i18n';
import { ApiError, del, patch, post, SessionEnded } from '../lib/api';
import { clockOf, nowInput } from '../lib/caseClock';
import { downloadCsv, toCsv } from '../lib/csv';
import * as data from '../lib/data';
import { useLoad } from '../lib/hooks';
import { may } from '../lib/permissions';
import { explain, type Explained } from '../lib/problems';
import { useStore } from '../lib/store';
import { zonedInputToInstant } from '../lib/time';
import type { Accountability, DepartureGroup, Mission, StaffMember } from '../lib/types';
import { countryCode, dateTime, email, maxLength, phone } from '../lib/validation';
import { signedIn } from '../session';

const STATUSES = ['ACCREDITED', 'REMAINING', 'DEPARTURE_ORDERED', 'DEPARTED', 'OVERDUE'];
const CATEGORIES = ['DIPLOMATIC_AGENT', 'ADMINISTRATIVE_TECHNICAL', 'SERVICE_STAFF', 'LOCAL_HIRE', 'FAMILY_MEMBER'];
const TRANSPORTS = ['FLIGHT', 'CHARTER_FLIGHT', 'CONVOY', 'ROAD', 'SEA'];

interface StaffData {
  mission: Mission;
  /** Everyone, to name people and offer them in forms. */
  staff: StaffMember[];
  /** The roster's pages read so far, in the status chosen. */
  roster: data.Paged<StaffMember>;
  groups: data.Paged<DepartureGroup>;
  accountability?: Accountability;
}

async function loadStaff(missionId: string, status: string, rosterPages: number, groupPages: number): Promise<StaffData> {
  const [mission, staff, roster, groups, accountability] = await Promise.all([
    data.mission(missionId), data.staff(missionId),
    data.firstPages((cursor) => data.staffPage(missionId, status || undefined, cursor), rosterPages),
    data.firstPages((cursor) => data.departureGroupsPage(missionId, cursor), groupPages),
    data.settled(data.accountability(missionId)),
  ]);
  return { mission, staff, roster, groups, accountability };
}

export function StaffPage({ missionId }: { missionId: string | null }) {
  const { t } = useI18n();
  const missions = useLoad(data.missions, []);
  return (
    <div class="page staff">
      <h1>{t('staff.title')}</h1>
      {missions.error !== undefined && <LoadError error={missions.error} />}
      {missions.data && missions.data.length === 0 && <p class="muted">{t('dashboard.noMissions')}</p>}
      {missions.data && missions.data.length > 0 && <MissionPicker missions={missions.data} selected={missionId} page="/staff" />}
      {missionId && <MissionStaff missionId={missionId} />}
    </div>
  );
}

function MissionStaff({ missionId }: { missionId: string }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const user = useStore(signedIn)!;
  const [status, setStatus] = useState('');
  const [rosterPages, setRosterPages] = useState(1);
  const [groupPages, setGroupPages] = useState(1);
  const loaded = useLoad(() => loadStaff(missionId, status, rosterPages, groupPages), [missionId, status, rosterPages, groupPages], 15_000);
  const [category, setCategory] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [departing, setDeparting] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Explained | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (loaded.error !== undefined && !loaded.data) {
    return <LoadError error={loaded.error} />;
  }
  if (!loaded.data) {
    return <Loading />;
  }
  const { mission, staff, roster, groups, accountability } = loaded.data;
  const zone = mission.timeZone;
  const now = clockOf(mission);
  const inCategory = (s: StaffMember) => !category || s.category === category;
  const shown = roster.items.filter(inCategory);
  const matching = staff.filter((s) => (!status || s.status === status) && inCategory(s));
  const remaining = staff.filter((s) => s.status === 'REMAINING').length;
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.fullName ?? id;

  async function act(member: StaffMember, what: () => Promise<unknown>) {
    setBusy(member.id);
    setRefusal(null);
    try {
      await what();
      loaded.reload();
    } catch (failure) {
      if (failure instanceof SessionEnded) {
        return;
      }
      const explained = failure instanceof ApiError ? explain(failure.problem, i18n) : { title: t('problem.unexpected'), detail: String(failure), fields: [] };
      setRefusal({ ...explained, title: `${member.fullName}: ${explained.title}` });
    } finally {
      setBusy(null);
    }
  }

  const exportRoster = () =>
    downloadCsv(
      `roster-${mission.officeCode}-${mission.city}.csv`,
      toCsv(
        [t('field.fullName'), t('field.category'), t('field.nationality'), t('field.status'), t('field.email'), t('field.phone'), t('field.preferredLanguage'), t('staff.departureDue'), t('staff.departedAt')],
        matching.map((s) => [s.fullName, label('category', s.category), s.nationality, label('staffStatus', s.status), s.email, s.phone, s.preferredLanguage, s.departureDueAt, s.departedAt]),
      ),
    );
  const exportAccountability = () =>
    downloadCsv(
      `accountability-${mission.officeCode}-${mission.city}.csv`,
      toCsv(
        [t('csv.list'), t('field.fullName'), t('field.status'), t('staff.departureDue')],
        [
          ...STATUSES.map((s) => [t('csv.totals'), label('staffStatus', s), accountability?.byStatus[s as keyof Accountability['byStatus']] ?? 0, null]),
          ...(accountability?.overdue ?? []).map((o) => [t('staff.overdue'), o.fullName, label('staffStatus', 'OVERDUE'), o.dueAt]),
          ...(accountability?.unacknowledged ?? []).map((u) => [t('staff.unacknowledged'), u.fullName, label('staffStatus', u.status), u.dueAt]),
        ],
      ),
    );

  return (
    <>
      <ExerciseBanner mission={mission} onAdvanced={loaded.reload} />
      {loaded.error !== undefined && <LoadError error={loaded.error} />}
      <Section id="remaining" title={t('staff.remaining')}>
        <Gauge used={remaining} ceiling={mission.remainingStaffCeiling} label={t('staff.remainingGauge')} />
      </Section>

      <Section id="roster" title={t('staff.roster')} actions={<button type="button" onClick={exportRoster} data-testid="export-roster">{t('staff.exportRoster')}</button>}>
        <div class="filters">
          <div class="field inline">
            <label for="filter-status">{t('field.status')}</label>
            <select id="filter-status" value={status} onChange={(e) => { setStatus(e.currentTarget.value); setRosterPages(1); }}>
              <option value="">{t('filter.all')}</option>
              {STATUSES.map((s) => <option key={s} value={s}>{label('staffStatus', s)}</option>)}
            </select>
          </div>
          <div class="field inline">
            <label for="filter-category">{t('field.category')}</label>
            <select id="filter-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">{t('filter.all')}</option>
              {CATEGORIES.map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
            </select>
          </div>
          <p class="muted small" role="status">{t('staff.shown', { shown: shown.length, total: matching.length })}</p>
        </div>
        {refusal && <ProblemBox explained={refusal} />}
        <div class="table-wrap">
          <table data-testid="roster">
            <thead>
              <tr>
                <th scope="col">{t('field.fullName')}</th><th scope="col">{t('field.category')}</th><th scope="col">{t('field.nationality')}</th>
                <th scope="col">{t('field.status')}</th><th scope="col">{t('staff.contact')}</th><th scope="col">{t('staff.departureDue')}</th>
                <th scope="col">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.id} data-staff={s.id} data-name={s.fullName} data-status={s.status}>
                  <th scope="row">{s.fullName}{s.principalId && <span class="muted small"> ({t('staff.familyOf', { name: nameOf(s.principalId) })})</span>}</th>
                  <td>{label('category', s.category)}</td>
                  <td>{s.nationality}</td>
                  <td><span class={`badge staffStatus-${s.status.toLowerCase()}`}>{label('staffStatus', s.status)}</span></td>
                  <td class="small">{s.email}<br />{s.phone} · {s.preferredLanguage}</td>
                  <td class="small">{s.departedAt ? <>{t('staff.departedAt')}: <Instant at={s.departedAt} zone={zone} /></> : <Instant at={s.departureDueAt} zone={zone} />}</td>
                  <td class="row-actions">
                    {may(user, 'editStaff') && s.status !== 'DEPARTED' && (
                      <button type="button" onClick={() => setEditing(editing === s.id ? null : s.id)} aria-expanded={editing === s.id}>{t('staff.edit')}</button>
                    )}
                    {may(user, 'remainingStaff') && s.status !== 'REMAINING' && s.status !== 'DEPARTED' && eligibleToRemain(s, mission) && (
                      <button type="button" data-action="designate" disabled={busy === s.id} onClick={() => act(s, () => post(`/staff/${s.id}/remaining-designation`))}>{t('staff.designate')}</button>
                    )}
                    {may(user, 'remainingStaff') && s.status === 'REMAINING' && (
                      <button type="button" data-action="withdraw" disabled={busy === s.id} onClick={() => act(s, () => del(`/staff/${s.id}/remaining-designation`))}>{t('staff.withdraw')}</button>
                    )}
                    {may(user, 'recordDeparture') && s.status !== 'DEPARTED' && s.status !== 'REMAINING' && (
                      <button type="button" onClick={() => setDeparting(departing === s.id ? null : s.id)} aria-expanded={departing === s.id}>{t('staff.recordDeparture')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {roster.more && <button type="button" class="more" data-testid="roster-more" onClick={() => setRosterPages((n) => n + 1)}>{t('list.more')}</button>}
        {editing && staff.some((s) => s.id === editing) && (
          <EditStaff member={staff.find((s) => s.id === editing)!} i18n={i18n} onDone={() => { setEditing(null); loaded.reload(); }} onCancel={() => setEditing(null)} />
        )}
        {departing && staff.some((s) => s.id === departing) && (
          <ActionForm id={`departure:${departing}`} title={t('staff.departureTitle', { name: nameOf(departing) })} submitLabel={t('staff.recordDeparture')} zone={zone}
            initial={{ departedAt: nowInput(mission) }}
            fields={[{ name: 'departedAt', label: t('field.departedAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past', now)] }]}
            onCancel={() => setDeparting(null)}
            onSubmit={(v) => post(`/staff/${departing}/departure`, { departedAt: zonedInputToInstant(v.departedAt, zone) })}
            onDone={() => { setDeparting(null); loaded.reload(); }} />
        )}
      </Section>

      {may(user, 'registerStaff') && (
        <details class="card form-card">
          <summary>{t('staff.register')}</summary>
          <ActionForm<StaffMember> id={`register-staff:${mission.id}`} title={t('staff.register')} submitLabel={t('staff.registerSubmit')} zone={zone}
            initial={{ preferredLanguage: 'es', category: 'DIPLOMATIC_AGENT' }}
            fields={[
              { name: 'fullName', label: t('field.fullName'), type: 'text', required: true, checks: [maxLength(200)], autoComplete: 'off' },
              { name: 'category', label: t('field.category'), type: 'select', required: true, options: CATEGORIES.map((c) => ({ value: c, label: label('category', c) })) },
              { name: 'principalId', label: t('field.principal'), type: 'select', required: true, shownWhen: (v) => v.category === 'FAMILY_MEMBER',
                options: staff.filter((s) => s.category !== 'FAMILY_MEMBER').map((s) => ({ value: s.id, label: s.fullName })) },
              { name: 'nationality', label: t('field.nationality'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode] },
              { name: 'email', label: t('field.email'), type: 'email', required: true, checks: [email, maxLength(254)] },
              { name: 'phone', label: t('field.phone'), type: 'tel', required: true, hint: t('hint.phone'), checks: [phone] },
              { name: 'preferredLanguage', label: t('field.preferredLanguage'), type: 'select', required: true, options: [{ value: 'es', label: 'Español' }, { value: 'en', label: 'English' }] },
            ]}
            onSubmit={(v) => post<StaffMember>('/staff', {
              missionId: mission.id, fullName: v.fullName.trim(), category: v.category, principalId: v.category === 'FAMILY_MEMBER' ? v.principalId : null,
              nationality: v.nationality, email: v.email.trim(), phone: v.phone, preferredLanguage: v.preferredLanguage,
            })}
            onDone={loaded.reload} />
        </details>
      )}

      {/* Its forms default to the mission's now: drawn anew when an exercise's case clock moves. */}
      <DepartureGroups key={mission.exercise?.caseNow} mission={mission} staff={staff} groups={groups.items} mayManage={may(user, 'departureGroups')} onChanged={loaded.reload}
        onMore={groups.more ? () => setGroupPages((n) => n + 1) : undefined} />

      <Section id="accountability" title={t('staff.accountability')}
        actions={<button type="button" onClick={exportAccountability} data-testid="export-accountability">{t('staff.exportAccountability')}</button>}>
        {!accountability && <p class="muted">{t('staff.noAccountability')}</p>}
        {accountability && (
          <>
            <ul class="glance small">
              <li><strong>{accountability.total}</strong> {t('staff.total')}</li>
              {STATUSES.map((s) => (
                <li key={s}><strong>{accountability.byStatus[s as keyof Accountability['byStatus']] ?? 0}</strong> {label('staffStatus', s)}</li>
              ))}
            </ul>
            <h3>{t('staff.overdue')}</h3>
            {accountability.overdue.length === 0 ? <p class="muted">{t('staff.noneOverdue')}</p> : (
              <ul data-testid="overdue-list">
                {accountability.overdue.map((o) => <li key={o.staffId}>{o.fullName} — <Instant at={o.dueAt} zone={zone} /></li>)}
              </ul>
            )}
            {accountability.unacknowledged && (
              <>
                <h3>{t('staff.unacknowledged')}</h3>
                {accountability.unacknowledged.length === 0 ? <p class="muted">{t('staff.allAcknowledged')}</p> : (
                  <ul data-testid="unacknowledged-list">
                    {accountability.unacknowledged.map((u) => (
                      <li key={u.staffId}>{u.fullName} ({label('staffStatus', u.status)}){u.dueAt && <> — <Instant at={u.dueAt} zone={zone} /></>}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </>
        )}
      </Section>
    </>
  );
}

/** The service's rule, to offer the action only where it can succeed (it decides anyway). */
function eligibleToRemain(member: StaffMember, mission: Mission): boolean {
  return member.category !== 'LOCAL_HIRE' && member.category !== 'FAMILY_MEMBER' && member.nationality !== mission.receivingState;
}

function EditStaff({ member, i18n, onDone, onCancel }: { member: StaffMember; i18n: I18n; onDone: () => void; onCancel: () => void }) {
  const { t } = i18n;
  const initial = { fullName: member.fullName, email: member.email, phone: member.phone, preferredLanguage: member.preferredLanguage };
  return (
    <ActionForm id={`edit-staff:${member.id}`} title={t('staff.editTitle', { name: member.fullName })} submitLabel={t('staff.save')}
      initial={initial}
      fields={[
        { name: 'fullName', label: t('field.fullName'), type: 'text', required: true, checks: [maxLength(200)] },
        { name: 'email', label: t('field.email'), type: 'email', required: true, checks: [email, maxLength(254)] },
        { name: 'phone', label: t('field.phone'), type: 'tel', required: true, hint: t('hint.phone'), checks: [phone] },
        { name: 'preferredLanguage', label: t('field.preferredLanguage'), type: 'select', required: true, options: [{ value: 'es', label: 'Español' }, { value: 'en', label: 'English' }] },
      ]}
      onCancel={onCancel}
      onSubmit={(v) => {
        // Only what changed is sent: the service records a contact change per field.
        const changed = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.trim()]).filter(([k, x]) => x !== (initial as Record<string, string>)[k]));
        if (Object.keys(changed).length === 0) {
          return Promise.resolve(member);
        }
        return patch<StaffMember>(`/staff/${member.id}`, changed);
      }}
      onDone={onDone} />
  );
}

function DepartureGroups({ mission, staff, groups, mayManage, onChanged, onMore }: {
  mission: Mission; staff: StaffMember[]; groups: DepartureGroup[]; mayManage: boolean; onChanged: () => void; onMore?: () => void;
}) {
  const { t, label } = useI18n();
  const zone = mission.timeZone;
  const now = clockOf(mission);
  const grouped = new Set(groups.flatMap((g) => g.memberIds));
  const free = staff.filter((s) => !grouped.has(s.id) && s.status !== 'DEPARTED' && s.status !== 'REMAINING');
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.fullName ?? id;
  return (
    <Section id="groups" title={t('groups.title')}>
      {groups.length === 0 && <p class="muted">{t('groups.none')}</p>}
      {groups.map((g) => (
        <article key={g.id} class="group" data-group={g.id}>
          <h3>{g.name} <span class="badge">{label('transport', g.transport)}</span> {g.departedAt && <span class="badge staffStatus-departed">{t('groups.departed')}</span>}</h3>
          <p class="small">{t('groups.scheduled')}: <Instant at={g.scheduledAt} zone={zone} />{g.departedAt && <> · {t('groups.departedAt')}: <Instant at={g.departedAt} zone={zone} /></>}</p>
          <p class="small">{t('groups.members', { count: g.memberIds.length })}: {g.memberIds.map(nameOf).join(', ') || '—'}</p>
          {mayManage && !g.departedAt && (
            <div class="group-forms">
              {free.length > 0 && (
                <details>
                  <summary>{t('groups.addMembers')}</summary>
                  <ActionForm id={`group-members:${g.id}`} title={t('groups.addMembers')} submitLabel={t('groups.addSubmit')} initial={{}}
                    fields={free.map((s) => ({ name: s.id, label: `${s.fullName} (${label('staffStatus', s.status)})`, type: 'checkbox' as const }))}
                    onSubmit={(v) => {
                      const staffIds = Object.entries(v).filter(([, x]) => x === 'true').map(([id]) => id);
                      if (staffIds.length === 0) {
                        return Promise.reject(new ApiError({ status: 400, title: t('groups.chooseSomeone') }));
                      }
                      return post(`/departure-groups/${g.id}/members`, { staffIds });
                    }}
                    onDone={onChanged} />
                </details>
              )}
              <details>
                <summary>{t('groups.confirm')}</summary>
                <ActionForm id={`group-departure:${g.id}`} title={t('groups.confirm')} submitLabel={t('groups.confirmSubmit')} zone={zone}
                  intro={<p class="hint">{t('groups.confirmIntro')}</p>}
                  initial={{ departedAt: nowInput(mission) }}
                  fields={[{ name: 'departedAt', label: t('field.departedAt'), type: 'datetime', required: true, checks: [dateTime(zone, 'past', now)] }]}
                  onSubmit={(v) => post(`/departure-groups/${g.id}/departure`, { departedAt: zonedInputToInstant(v.departedAt, zone) })}
                  onDone={onChanged} />
              </details>
            </div>
          )}
        </article>
      ))}
      {onMore && <button type="button" class="more" data-testid="groups-more" onClick={onMore}>{t('list.more')}</button>}
      {mayManage && (
        <details class="form-card">
          <summary>{t('groups.create')}</summary>
          <ActionForm id={`group-create:${mission.id}`} title={t('groups.create')} submitLabel={t('groups.createSubmit')} zone={zone}
            initial={{ transport: 'CHARTER_FLIGHT' }}
            fields={[
              { name: 'name', label: t('field.groupName'), type: 'text', required: true, checks: [maxLength(200)] },
              { name: 'scheduledAt', label: t('field.scheduledAt'), type: 'datetime', required: true, checks: [dateTime(zone)] },
              { name: 'transport', label: t('field.transport'), type: 'select', required: true, options: TRANSPORTS.map((x) => ({ value: x, label: label('transport', x) })) },
            ]}
            onSubmit={(v) => post('/departure-groups', { missionId: mission.id, name: v.name.trim(), scheduledAt: zonedInputToInstant(v.scheduledAt, zone), transport: v.transport })}
            onDone={onChanged} />
        </details>
      )}
    </Section>
  );
}
