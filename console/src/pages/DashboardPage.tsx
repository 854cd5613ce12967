import { ActionForm } from '../components/ActionForm';
import { Badge, Countdown, Instant, LoadError, Loading, Section } from '../components/common';
import { ExerciseBadge } from '../components/ExerciseBanner';
import { useI18n } from '../i18n';
import { post } from '../lib/api';
import * as data from '../lib/data';
import { useLoad } from '../lib/hooks';
import { may } from '../lib/permissions';
import { isExercise, isInterestsSection, missionRequest, registrationZone } from '../lib/registration';
import { Link, navigate } from '../lib/router';
import { useStore } from '../lib/store';
import { isOpen } from '../lib/rupture';
import type { Accountability, AlertProgress, Deadline, Mission, Office, StaffMember } from '../lib/types';
import { countryCode, dateTime, maxLength, officeCode, thirdState, timeZone, wholeNumber } from '../lib/validation';
import { signedIn } from '../session';

interface MissionSummary {
  mission: Mission;
  deadlines?: Deadline[];
  accountability?: Accountability;
  progress?: AlertProgress;
  /** Only read when a persona non grata's deadline is open: to name the person. */
  staff?: StaffMember[];
}

async function loadDashboard(): Promise<{ offices: Office[]; missions: MissionSummary[] }> {
  const [offices, missions] = await Promise.all([data.settled(data.offices()), data.missions()]);
  const summaries = await Promise.all(
    missions.map(async (mission) => {
      const [deadlines, accountability, progress] = await Promise.all([
        data.settled(data.deadlines(mission.id)),
        data.settled(data.accountability(mission.id)),
        data.settled(data.alertProgress(mission.id)),
      ]);
      const personal = (deadlines ?? []).some((d) => d.kind === 'PERSONAL' && isOpen(d));
      const staff = personal ? await data.settled(data.staff(mission.id)) : undefined;
      return { mission, deadlines, accountability, progress, staff };
    }),
  );
  return { offices: offices ?? [], missions: summaries };
}

export function overdueOf(summary: MissionSummary): number {
  return summary.accountability?.byStatus.OVERDUE ?? summary.accountability?.overdue.length ?? 0;
}

/**
 * People yet to acknowledge the alert of their current deadline, as personnel accounts for them;
 * where personnel cannot say (an older service), the alerts not acknowledged.
 */
export function unacknowledgedOf(summary: MissionSummary): number {
  if (summary.accountability?.unacknowledged) {
    return summary.accountability.unacknowledged.length;
  }
  return summary.progress ? Math.max(summary.progress.total - summary.progress.acknowledged, 0) : 0;
}

export function DashboardPage() {
  const { t } = useI18n();
  const user = useStore(signedIn)!;
  const loaded = useLoad(loadDashboard, [], 15_000);
  const offices = loaded.data?.offices ?? [];
  const summaries = loaded.data?.missions ?? [];
  const officeCodes = [...new Set([...offices.map((o) => o.code), ...user.offices, ...summaries.map((s) => s.mission.officeCode)])].sort();
  const totalOverdue = summaries.reduce((n, s) => n + overdueOf(s), 0);
  const totalUnacknowledged = summaries.reduce((n, s) => n + unacknowledgedOf(s), 0);
  const running = summaries.flatMap((s) => (s.deadlines ?? []).filter((d) => d.status === 'RUNNING')).length;

  return (
    <div class="page dashboard">
      <h1>{t('dashboard.title')}</h1>
      {loaded.error !== undefined && <LoadError error={loaded.error} />}
      {!loaded.data && !loaded.error && <Loading />}
      {loaded.data && (
        <>
          <ul class="glance" aria-label={t('dashboard.atAGlance')}>
            <li data-testid="glance-missions"><strong>{summaries.length}</strong> {t('dashboard.missions')}</li>
            <li data-testid="glance-deadlines"><strong>{running}</strong> {t('dashboard.runningDeadlines')}</li>
            <li class={totalOverdue ? 'alarm' : ''} data-testid="glance-overdue"><strong>{totalOverdue}</strong> {t('dashboard.overdue')}</li>
            <li class={totalUnacknowledged ? 'warn' : ''} data-testid="glance-unacknowledged"><strong>{totalUnacknowledged}</strong> {t('dashboard.unacknowledged')}</li>
          </ul>
          {officeCodes.length === 0 && <p class="muted">{t('dashboard.noOffices')}</p>}
          {officeCodes.map((code) => {
            const office = offices.find((o) => o.code === code);
            const inOffice = summaries.filter((s) => s.mission.officeCode === code);
            return (
              <Section key={code} id={`office-${code}`} title={office ? `${code} — ${office.capital}` : code}>
                {inOffice.length === 0 && <p class="muted">{t('dashboard.noMissions')}</p>}
                <ul class="missions" data-office={code}>
                  {inOffice.map((summary) => (
                    <MissionCard key={summary.mission.id} summary={summary} />
                  ))}
                </ul>
              </Section>
            );
          })}
        </>
      )}
      {may(user, 'registerMission') && <RegisterMission offices={officeCodes} isAdmin={may(user, 'createOffice')} onDone={loaded.reload} />}
      {may(user, 'createOffice') && <CreateOffice onDone={loaded.reload} />}
    </div>
  );
}

function MissionCard({ summary }: { summary: MissionSummary }) {
  const { t, label } = useI18n();
  const { mission, deadlines, staff } = summary;
  const open = (deadlines ?? []).filter((d) => d.status === 'RUNNING' || d.status === 'SUSPENDED');
  const overdue = overdueOf(summary);
  const unacknowledged = unacknowledgedOf(summary);
  return (
    <li class={mission.exercise ? 'mission-card exercise' : 'mission-card'} data-testid="mission-card" data-mission={mission.id}>
      <div class="mission-head">
        <Link href={`/missions/${mission.id}`} class="mission-name">{mission.name}</Link>
        <Badge group="status" value={mission.status} />
        <ExerciseBadge mission={mission} />
      </div>
      <p class="muted small">
        {label('kind', mission.kind)} · {mission.city} · {mission.timeZone}
      </p>
      {mission.exercise && (
        <p class="small" data-testid="mission-case-now">{t('exercise.caseNow')}: <Instant at={mission.exercise.caseNow} zone={mission.timeZone} /></p>
      )}
      {open.length === 0 && <p class="muted small">{t('dashboard.noRunningDeadline')}</p>}
      <ul class="deadlines">
        {open.map((d) => (
          <li key={d.id} data-testid="running-deadline" data-deadline={d.id}>
            <span class="deadline-kind">
              {d.kind === 'PERSONAL'
                ? t('deadline.personalOf', { name: staff?.find((p) => p.id === d.staffId)?.fullName ?? t('deadline.someone') })
                : label('deadline', d.kind)}
            </span>{' '}
            {d.status === 'RUNNING' ? <Countdown dueAt={d.dueAt} mission={mission} /> : <Badge group="deadlineStatus" value={d.status} />}
            <div class="small"><Instant at={d.dueAt} zone={mission.timeZone} /></div>
          </li>
        ))}
      </ul>
      <p class="counts small">
        <span class={overdue ? 'alarm' : ''} data-testid="mission-overdue">{t('dashboard.overdueCount', { count: overdue })}</span>
        {' · '}
        <span class={unacknowledged ? 'warn' : ''} data-testid="mission-unacknowledged">{t('dashboard.unacknowledgedCount', { count: unacknowledged })}</span>
        {' · '}
        <Link href={`/staff?mission=${mission.id}`}>{t('nav.staff')}</Link>
        {' · '}
        <Link href={`/alerts?mission=${mission.id}`}>{t('nav.alerts')}</Link>
      </p>
    </li>
  );
}

function RegisterMission({ offices, isAdmin, onDone }: { offices: string[]; isAdmin: boolean; onDone: () => void }) {
  const { t, label } = useI18n();
  return (
    <details class="card form-card">
      <summary>{t('mission.register')}</summary>
      <ActionForm<Mission>
        id="register-mission"
        title={t('mission.register')}
        submitLabel={t('mission.registerSubmit')}
        zone={registrationZone}
        initial={{ officeCode: offices.length === 1 ? offices[0] : '', kind: 'EMBASSY', timeZone: '', exercise: 'false' }}
        fields={[
          isAdmin
            ? { name: 'officeCode', label: t('field.officeCode'), type: 'text', required: true, suggestions: offices, checks: [officeCode] }
            : { name: 'officeCode', label: t('field.officeCode'), type: 'select', required: true, options: offices.map((o) => ({ value: o, label: o })) },
          { name: 'kind', label: t('field.kind'), type: 'select', required: true, options: ['EMBASSY', 'CONSULATE', 'INTERESTS_SECTION'].map((k) => ({ value: k, label: label('kind', k) })) },
          { name: 'name', label: t('field.missionName'), type: 'text', required: true, checks: [maxLength(200)] },
          { name: 'sendingState', label: t('field.sendingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode] },
          { name: 'receivingState', label: t('field.receivingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode] },
          { name: 'city', label: t('field.city'), type: 'text', required: true, checks: [maxLength(100)] },
          { name: 'timeZone', label: t('field.timeZone'), type: 'text', required: true, hint: t('hint.timeZone'), suggestions: ['America/Caracas', 'America/New_York'], checks: [timeZone] },
          // An interests section is registered as such, under its protecting power and with its ceiling.
          { name: 'protectingState', label: t('field.protectingState'), type: 'text', required: true, hint: t('hint.countryCode'), shownWhen: isInterestsSection,
            checks: [countryCode, (value, values) => thirdState({ sendingState: values.sendingState ?? '', receivingState: values.receivingState ?? '' })(value)] },
          { name: 'staffCeiling', label: t('field.staffCeiling'), type: 'number', required: true, shownWhen: isInterestsSection, checks: [wholeNumber(0, 1000)] },
          // An exercise (a drill, or history replayed) runs on a case clock of its own from the instant chosen.
          { name: 'exercise', label: t('field.exercise'), type: 'checkbox' },
          { name: 'exerciseStartsAt', label: t('field.exerciseStartsAt'), type: 'datetime', required: true, hint: t('hint.exerciseStartsAt'), shownWhen: isExercise,
            checks: [(value, values) => dateTime(registrationZone(values))(value)] },
        ]}
        onSubmit={(v) => post<Mission>('/missions', missionRequest(v))}
        onDone={(created) => {
          onDone();
          navigate(`/missions/${created.id}`);
        }}
      />
    </details>
  );
}

function CreateOffice({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  return (
    <details class="card form-card">
      <summary>{t('office.create')}</summary>
      <ActionForm<Office>
        id="create-office"
        title={t('office.create')}
        submitLabel={t('office.createSubmit')}
        initial={{}}
        fields={[
          { name: 'code', label: t('field.officeCode'), type: 'text', required: true, hint: t('hint.officeCode'), checks: [officeCode] },
          { name: 'capital', label: t('field.capital'), type: 'text', required: true, checks: [maxLength(100)] },
          { name: 'sendingState', label: t('field.sendingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode] },
          { name: 'receivingState', label: t('field.receivingState'), type: 'text', required: true, hint: t('hint.countryCode'), checks: [countryCode] },
          { name: 'timeZone', label: t('field.timeZone'), type: 'text', required: true, hint: t('hint.timeZone'), checks: [timeZone] },
        ]}
        onSubmit={(v) => post<Office>('/offices', { code: v.code, capital: v.capital.trim(), sendingState: v.sendingState, receivingState: v.receivingState, timeZone: v.timeZone.trim() })}
        onDone={onDone}
      />
    </details>
  );
}
