import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Layout } from './components/Layout';
import { LoadError } from './components/common';
import { chooseLanguage, language, useI18n } from './i18n';
import { takeSessionEnded } from './lib/drafts';
import { useLocation } from './lib/router';
import { useStore } from './lib/store';
import { AlertsPage } from './pages/AlertsPage';
import { DashboardPage } from './pages/DashboardPage';
import { MissionPage } from './pages/MissionPage';
import { StaffPage } from './pages/StaffPage';
import { loadSession, signedIn } from './session';
import './styles.css';

function Page() {
  const { path, query } = useLocation();
  const { t } = useI18n();
  const mission = /^\/missions\/([0-9a-fA-F-]{36})\/?$/.exec(path);
  if (path === '/' || path === '') {
    return <DashboardPage />;
  }
  if (mission) {
    return <MissionPage missionId={mission[1]} />;
  }
  if (path === '/staff') {
    return <StaffPage missionId={query.get('mission')} />;
  }
  if (path === '/alerts') {
    return <AlertsPage missionId={query.get('mission')} />;
  }
  return (
    <section class="card">
      <h1>{t('page.notFound')}</h1>
    </section>
  );
}

function App() {
  const user = useStore(signedIn);
  const { t } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  const [resumed] = useState(() => takeSessionEnded());
  useEffect(() => {
    loadSession().catch(setFailure);
  }, []);
  useEffect(() => {
    document.title = t('app.title');
  });
  if (failure) {
    return (
      <main id="main">
        <LoadError error={failure} />
      </main>
    );
  }
  if (!user) {
    return <p class="loading">{t('common.loading')}</p>;
  }
  return (
    <Layout user={user} sessionResumed={resumed}>
      <Page />
    </Layout>
  );
}

chooseLanguage(language.get());
render(<App />, document.getElementById('app')!);
