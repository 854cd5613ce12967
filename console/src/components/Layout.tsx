import type { ComponentChildren } from 'preact';
import { chooseLanguage, useI18n } from '../i18n';
import { mainRole } from '../lib/permissions';
import { Link, useLocation } from '../lib/router';
import type { Language } from '../lib/time';
import type { SignedIn } from '../lib/types';
import { signOut } from '../session';

export function Layout({ user, children, sessionResumed }: { user: SignedIn; children: ComponentChildren; sessionResumed: boolean }) {
  const { t, label, lang } = useI18n();
  const { path } = useLocation();
  const role = mainRole(user);
  const section = path.startsWith('/staff') ? 'staff' : path.startsWith('/alerts') ? 'alerts' : 'dashboard';
  return (
    <>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <div class="brand">
          <Link href="/">{t('app.name')}</Link>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li><Link href="/" aria-current={section === 'dashboard' ? 'page' : undefined}>{t('nav.dashboard')}</Link></li>
            <li><Link href="/staff" aria-current={section === 'staff' ? 'page' : undefined}>{t('nav.staff')}</Link></li>
            <li><Link href="/alerts" aria-current={section === 'alerts' ? 'page' : undefined}>{t('nav.alerts')}</Link></li>
          </ul>
        </nav>
        <div class="user" data-testid="signed-in-user">
          <span class="user-name" data-testid="user-name">{user.name}</span>
          <span class="user-office" data-testid="user-offices">
            {user.offices.length ? user.offices.join(', ') : t('user.allOffices')}
          </span>
          <span class="user-role" data-testid="user-role">{role ? label('role', role) : t('user.noRole')}</span>
        </div>
        <div class="tools">
          <label for="language" class="visually-hidden">{t('language.label')}</label>
          <select id="language" value={lang} onChange={(e) => chooseLanguage(e.currentTarget.value as Language)}>
            <option value="en" lang="en">English</option>
            <option value="es" lang="es">Español</option>
          </select>
          <button type="button" onClick={signOut} data-testid="sign-out">
            {t('user.signOut')}
          </button>
        </div>
      </header>
      {sessionResumed && (
        <p class="notice banner" role="status">
          {t('session.resumed')}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
