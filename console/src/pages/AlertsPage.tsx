import { useState } from 'preact/hooks';
import { Instant, LoadError, Loading, ProblemBox, ProgressBar, Section } from '../components/common';
import { ExerciseBanner } from '../components/ExerciseBanner';
import { MissionPicker } from '../components/MissionPicker';
import { useI18n } from '../i18n';
import { ApiError, SessionEnded } from '../lib/api';
import * as data from '../lib/data';
import { useLoad } from '../lib/hooks';
import { may } from '../lib/permissions';
import { explain, type Explained } from '../lib/problems';
import { useStore } from '../lib/store';
import type { Alert, AlertProgress, DeadLetter, Mission, StaffMember } from '../lib/types';
import { signedIn } from '../session';

/** The progress bars follow the fan-out by polling while the page is open. */
const PROGRESS_POLL_MS = 2000;

async function loadProgress(missions: Mission[]): Promise<{ mission: Mission; progress?: AlertProgress }[]> {
  return Promise.all(missions.map(async (mission) => ({ mission, progress: await data.settled(data.alertProgress(mission.id)) })));
}

export function AlertsPage({ missionId }: { missionId: string | null }) {
  const { t } = useI18n();
  const user = useStore(signedIn)!;
  const missions = useLoad(data.missions, []);
  const selected = missions.data?.find((m) => m.id === missionId);
  return (
    <div class="page alerts">
      {selected && <ExerciseBanner mission={selected} onAdvanced={missions.reload} />}
      <h1>{t('alerts.title')}</h1>
      {missions.error !== undefined && <LoadError error={missions.error} />}
      {!missions.data && !missions.error && <Loading />}
      {missions.data && <FanOut missions={missions.data} />}
      {missions.data && missions.data.length > 0 && (
        <Section id="people" title={t('alerts.byPerson')}>
          <MissionPicker missions={missions.data} selected={missionId} page="/alerts" />
          {missionId && <PeopleAlerts mission={missions.data.find((m) => m.id === missionId)} missionId={missionId} />}
        </Section>
      )}
      {may(user, 'deadLetters') && <DeadLetters />}
    </div>
  );
}

function FanOut({ missions }: { missions: Mission[] }) {
  const { t } = useI18n();
  const loaded = useLoad(() => loadProgress(missions), [missions], PROGRESS_POLL_MS);
  return (
    <Section id="fan-out" title={t('alerts.fanOut')}>
      <p class="muted small">{t('alerts.fanOutHint', { seconds: PROGRESS_POLL_MS / 1000 })}</p>
      {missions.length === 0 && <p class="muted">{t('dashboard.noMissions')}</p>}
      <div aria-live="polite">
        {loaded.data?.map(({ mission, progress }) =>
          progress ? (
            <ProgressBar key={mission.id} progress={progress} name={`${mission.officeCode} · ${mission.name}${mission.exercise ? ` · ${t('exercise.mark')}` : ''}`} />
          ) : (
            <p key={mission.id} class="muted">{mission.name}: {t('alerts.noProgress')}</p>
          ),
        )}
      </div>
    </Section>
  );
}

function PeopleAlerts({ mission, missionId }: { mission?: Mission; missionId: string }) {
  const { t, label } = useI18n();
  const [status, setStatus] = useState('');
  const [pages, setPages] = useState(1);
  const loaded = useLoad(
    async () => {
      const [alerts, staff] = await Promise.all([
        data.firstPages((cursor) => data.alertsPage(missionId, status || undefined, cursor), pages),
        data.settled(data.staff(missionId)),
      ]);
      return { alerts: alerts.items, more: alerts.more, staff: staff ?? [] };
    },
    [missionId, status, pages],
    PROGRESS_POLL_MS * 2,
  );
  const zone = mission?.timeZone ?? 'UTC';
  if (loaded.error !== undefined && !loaded.data) {
    return <LoadError error={loaded.error} />;
  }
  if (!loaded.data) {
    return <Loading />;
  }
  const { alerts, more, staff } = loaded.data;
  const byPerson = new Map<string, Alert[]>();
  for (const a of alerts) {
    byPerson.set(a.staffId, [...(byPerson.get(a.staffId) ?? []), a]);
  }
  const nameOf = (id: string) => staff.find((s: StaffMember) => s.id === id)?.fullName ?? t('alerts.unknownPerson');
  const statuses = [...new Set(['QUEUED', 'RETRYING', 'SENT', 'DELIVERED', 'FAILED', 'DEAD', ...alerts.map((a) => a.status)])];
  return (
    <>
      <div class="field inline">
        <label for="alert-status">{t('field.status')}</label>
        <select id="alert-status" value={status} onChange={(e) => { setStatus(e.currentTarget.value); setPages(1); }}>
          <option value="">{t('filter.all')}</option>
          {statuses.map((s) => <option key={s} value={s}>{label('alertState', s)}</option>)}
        </select>
      </div>
      {alerts.length === 0 && <p class="muted">{t('alerts.none')}</p>}
      {[...byPerson.entries()].map(([staffId, personAlerts]) => (
        <article key={staffId} class="person-alerts" data-staff={staffId}>
          <h3>{nameOf(staffId)}</h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('alerts.slot')}</th><th scope="col">{t('alerts.channel')}</th><th scope="col">{t('field.preferredLanguage')}</th>
                  <th scope="col">{t('field.status')}</th><th scope="col">{t('alerts.attempts')}</th><th scope="col">{t('alerts.created')}</th>
                  <th scope="col">{t('alerts.acknowledged')}</th><th scope="col">{t('alerts.log')}</th>
                </tr>
              </thead>
              <tbody>
                {personAlerts.map((a) => <AlertRow key={a.id} alert={a} zone={zone} />)}
              </tbody>
            </table>
          </div>
        </article>
      ))}
      {more && <button type="button" class="more" data-testid="alerts-more" onClick={() => setPages((n) => n + 1)}>{t('list.more')}</button>}
    </>
  );
}

function AlertRow({ alert, zone }: { alert: Alert; zone: string }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr data-alert={alert.id} data-status={alert.status}>
        <td>{label('slot', alert.slot)}</td>
        <td>{label('channel', alert.channel)}</td>
        <td>{alert.language}</td>
        <td><span class={`badge alertState-${alert.status.toLowerCase()}`}>{label('alertState', alert.status)}</span>{alert.lastError && <div class="error small">{alert.lastError}</div>}</td>
        <td>{alert.attempts}</td>
        <td><Instant at={alert.createdAt} zone={zone} /></td>
        <td>{alert.acknowledgedAt ? <Instant at={alert.acknowledgedAt} zone={zone} /> : <span class="warn">{t('alerts.notYet')}</span>}</td>
        <td><button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? t('alerts.hideLog') : t('alerts.showLog')}</button></td>
      </tr>
      {open && (
        <tr class="log-row">
          <td colSpan={8}><DeliveryLog alertId={alert.id} zone={zone} /></td>
        </tr>
      )}
    </>
  );
}

function DeliveryLog({ alertId, zone }: { alertId: string; zone: string }) {
  const { label } = useI18n();
  const loaded = useLoad(() => data.alert(alertId), [alertId]);
  if (loaded.error !== undefined) {
    return <LoadError error={loaded.error} />;
  }
  if (!loaded.data) {
    return <Loading />;
  }
  return (
    <ol class="delivery-log" data-testid="delivery-log">
      {loaded.data.deliveryLog.map((attempt, i) => (
        <li key={i}>
          <Instant at={attempt.at} zone={zone} /> — {label('channel', attempt.channel)}: <strong>{label('alertState', attempt.status)}</strong>
          {attempt.error && <span class="error"> ({attempt.error})</span>}
        </li>
      ))}
    </ol>
  );
}

function DeadLetters() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const loaded = useLoad(data.deadLetters, [], 10_000);
  const [refusal, setRefusal] = useState<Explained | null>(null);
  const [redriven, setRedriven] = useState<string | null>(null);

  async function redrive(letter: DeadLetter) {
    setRefusal(null);
    try {
      await data.redrive(letter);
      setRedriven(letter.id);
      loaded.reload();
    } catch (failure) {
      if (!(failure instanceof SessionEnded)) {
        setRefusal(failure instanceof ApiError ? explain(failure.problem, i18n) : { title: t('problem.unexpected'), detail: String(failure), fields: [] });
      }
    }
  }

  const unavailable = loaded.error instanceof ApiError && [404, 405, 501].includes(loaded.error.problem.status);
  return (
    <Section id="dead-letters" title={t('deadLetters.title')}>
      <p class="muted small">{t('deadLetters.hint')}</p>
      {unavailable && <p class="muted">{t('deadLetters.unavailable')}</p>}
      {loaded.error !== undefined && !unavailable && <LoadError error={loaded.error} />}
      {refusal && <ProblemBox explained={refusal} />}
      {loaded.data && loaded.data.unavailable.length > 0 && (
        <p class="muted" role="status">{t('deadLetters.serviceUnavailable', { services: loaded.data.unavailable.join(', ') })}</p>
      )}
      {loaded.data && loaded.data.letters.length === 0 && <p class="muted">{t('deadLetters.none')}</p>}
      {loaded.data && loaded.data.letters.length > 0 && (
        <div class="table-wrap">
          <table data-testid="dead-letters">
            <thead>
              <tr>
                <th scope="col">{t('deadLetters.service')}</th><th scope="col">{t('deadLetters.kind')}</th><th scope="col">{t('deadLetters.queue')}</th><th scope="col">{t('deadLetters.type')}</th>
                <th scope="col">{t('field.officeCode')}</th><th scope="col">{t('deadLetters.reason')}</th><th scope="col">{t('deadLetters.at')}</th>
                <th scope="col">{t('deadLetters.redrives')}</th><th scope="col">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.letters.map((letter) => (
                <tr key={`${letter.service}:${letter.id}`} data-dead-letter={letter.id}>
                  <td>{letter.service}</td>
                  <td>{label('deadLetterKind', letter.kind)}</td>
                  <td class="small">{letter.queue}</td>
                  <td>{letter.type}</td>
                  <td>{letter.officeCode ?? '—'}</td>
                  <td class="small">{letter.reason}</td>
                  <td><Instant at={letter.deadLetteredAt} zone="UTC" /></td>
                  <td>{letter.redriveCount}{letter.lastRedrivenAt && <div class="small"><Instant at={letter.lastRedrivenAt} zone="UTC" /></div>}</td>
                  <td>
                    <button type="button" onClick={() => redrive(letter)}>{t('deadLetters.redrive')}</button>
                    {redriven === letter.id && <span class="success" role="status"> {t('deadLetters.redriven')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
