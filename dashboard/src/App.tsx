/**
 * The shell: header with navigation, language switch and sign-out, and the page for the URL. Pages a
 * role may not open are not offered; a city user asking for the province lands on their own city.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { QueryState } from './components/QueryState';
import { useI18n } from './lib/i18n';
import { Link, useRouter } from './lib/router';
import type { Route } from './lib/routes';
import { PROVINCE_CODE, regionByCode } from '../../domain/regions';
import { landingUrl, maySubmit, mayViewInsurer, mayViewRegion, useSession, useViewer, type Viewer } from './lib/session';
import { LoginView } from './views/LoginView';

// Each view is its own chunk, fetched when first opened, so the sign-in page does not wait for charts,
// maps and tables it never shows.
const viewChunks = {
  region: () => import('./views/RegionView'),
  insurers: () => import('./views/InsurersView'),
  insurer: () => import('./views/InsurerView'),
  enterprise: () => import('./views/EnterpriseView'),
  violations: () => import('./views/ViolationsView'),
  annualReport: () => import('./views/AnnualReportView'),
  annualReports: () => import('./views/AnnualReportView'),
  evaluation: () => import('./views/EvaluationView'),
  risk: () => import('./views/RiskView'),
  premiumRates: () => import('./views/PremiumRatesView'),
  expiring: () => import('./views/ExpiringView'),
  search: () => import('./views/SearchView'),
  submissions: () => import('./views/SubmissionsView'),
} satisfies Partial<Record<Route['page'], () => Promise<unknown>>>;
const RegionView = lazy(() => viewChunks.region().then((m) => ({ default: m.RegionView })));
const InsurersView = lazy(() => viewChunks.insurers().then((m) => ({ default: m.InsurersView })));
const InsurerView = lazy(() => viewChunks.insurer().then((m) => ({ default: m.InsurerView })));
const EnterpriseView = lazy(() => viewChunks.enterprise().then((m) => ({ default: m.EnterpriseView })));
const ViolationsView = lazy(() => viewChunks.violations().then((m) => ({ default: m.ViolationsView })));
const AnnualReportView = lazy(() => viewChunks.annualReport().then((m) => ({ default: m.AnnualReportView })));
const AnnualReportsView = lazy(() => viewChunks.annualReports().then((m) => ({ default: m.AnnualReportsView })));
const EvaluationView = lazy(() => viewChunks.evaluation().then((m) => ({ default: m.EvaluationView })));
const RiskView = lazy(() => viewChunks.risk().then((m) => ({ default: m.RiskView })));
const PremiumRatesView = lazy(() => viewChunks.premiumRates().then((m) => ({ default: m.PremiumRatesView })));
const ExpiringView = lazy(() => viewChunks.expiring().then((m) => ({ default: m.ExpiringView })));
const SearchView = lazy(() => viewChunks.search().then((m) => ({ default: m.SearchView })));
const SubmissionsView = lazy(() => viewChunks.submissions().then((m) => ({ default: m.SubmissionsView })));

export function App() {
  const { token } = useSession();
  const { route, navigate } = useRouter();
  const { viewer, loading, error } = useViewer();
  const { t } = useI18n();

  // A signed-in page load fetches the view's chunk while `me` is still on its way, not after it.
  useEffect(() => {
    if (token !== null && route.page in viewChunks) void viewChunks[route.page as keyof typeof viewChunks]();
  }, [token, route.page]);

  useEffect(() => {
    if (!viewer) return;
    if (route.page === 'home' || route.page === 'login') navigate(landingUrl(viewer), { replace: true });
    else if (route.page === 'region' && viewer.role === 'city' && route.code === PROVINCE_CODE) navigate(landingUrl(viewer), { replace: true });
  }, [viewer, route, navigate]);

  if (token === null) return <Shell viewer={null}><LoginView /></Shell>;
  if (!viewer) {
    return <Shell viewer={null}><QueryState loading={loading} error={error} empty={false}>{null}</QueryState></Shell>;
  }
  return (
    <Shell viewer={viewer}>
      <Suspense fallback={<QueryState loading empty={false}>{null}</QueryState>}>{page(viewer)}</Suspense>
    </Shell>
  );

  // Plain functions, not components: a component declared in here would remount on every render.
  function page(viewer: Viewer) {
    switch (route.page) {
      case 'region':
        if (!mayViewRegion(viewer, route.code)) return refused();
        return <RegionView key={route.code} code={route.code} filters={route.filters} viewer={viewer} />;
      case 'insurers':
        // A city account sees each insurer's business in its city, said so above the table.
        return viewer.role === 'insurer' ? refused() : <InsurersView year={route.year} sort={route.sort} direction={route.direction} viewer={viewer} />;
      case 'insurer':
        if (!mayViewInsurer(viewer, route.id)) return refused();
        return <InsurerView key={route.id} id={route.id} year={route.year} viewer={viewer} />;
      case 'annualReport':
        if (!mayViewInsurer(viewer, route.id)) return refused();
        return <AnnualReportView key={`${route.id}-${route.year ?? ''}`} id={route.id} year={route.year} viewer={viewer} />;
      case 'annualReports':
        return viewer.role === 'insurer' ? refused() : <AnnualReportsView year={route.year} />;
      case 'evaluation':
        return viewer.role === 'insurer' ? refused() : <EvaluationView key={`${route.year ?? ''}-${route.quarter ?? ''}`} year={route.year} quarter={route.quarter} />;
      case 'enterprise':
        // Whether the enterprise lies in the viewer's scope only the server knows: outside it, NOT_FOUND.
        return <EnterpriseView key={route.id} id={route.id} policy={route.policy} viewer={viewer} />;
      case 'violations':
        return <ViolationsView filters={route.filters} viewer={viewer} />;
      case 'risk':
        return <RiskView route={route} viewer={viewer} />;
      case 'premiumRates':
        return <PremiumRatesView route={route} viewer={viewer} />;
      case 'expiring':
        // The expiring list, like the uninsured list, describes the whole market: not for insurers.
        return viewer.role === 'insurer' ? refused() : <ExpiringView route={route} viewer={viewer} />;
      case 'search':
        return <SearchView route={route} viewer={viewer} />;
      case 'submissions':
        return maySubmit(viewer) ? <SubmissionsView viewer={viewer} /> : refused();
      case 'home':
      case 'login':
        return null;
      default:
        return (
          <main className="state" data-state="not-found">
            <p>{t('notFound')}</p>
            <Link href={landingUrl(viewer)}>{t('backHome')}</Link>
          </main>
        );
    }
  }

  /** Why this account may not open the page, in words that name the page, not its route. */
  function refusal(): string {
    if (route.page === 'region') return t('forbidden', { message: `${regionByCode(route.code)?.name ?? ''} (${route.code})` });
    if (route.page === 'insurers') return t('forbiddenInsurers');
    if (route.page === 'expiring') return t('forbiddenExpiring');
    if (route.page === 'insurer' || route.page === 'annualReport' || route.page === 'annualReports' || route.page === 'evaluation') return t('forbiddenInsurer');
    if (route.page === 'submissions') return t('forbiddenSubmissions');
    return t('forbiddenQuery');
  }

  function refused() {
    return (
      <main className="state state-error" role="alert" data-state="forbidden">
        <p>{refusal()}</p>
        {viewer && <Link href={landingUrl(viewer)}>{t('backHome')}</Link>}
      </main>
    );
  }
}

function Shell({ viewer, children }: { viewer: Viewer | null; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { signOut } = useSession();
  const regulator = viewer && (viewer.role === 'province' || viewer.role === 'analyst');
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">{t('appTitle')}</span>
        {viewer && (
          <nav className="app-nav">
            {viewer.role !== 'insurer' && <Link href={landingUrl(viewer)}>{t('navRegion')}</Link>}
            {viewer.role === 'insurer' && <Link href={landingUrl(viewer)}>{t('scorecardTitle')}</Link>}
            {(regulator || viewer.role === 'city') && <Link href="/insurers">{t('navInsurers')}</Link>}
            {viewer.role === 'insurer'
              ? <Link href={`/insurer/${encodeURIComponent(viewer.scope ?? '')}/report`}>{t('navReports')}</Link>
              : <Link href="/reports">{t('navReports')}</Link>}
            {viewer.role !== 'insurer' && <Link href="/evaluation">{t('navEvaluation')}</Link>}
            <Link href="/violations">{t('navViolations')}</Link>
            <Link href="/risk">{t('navRisk')}</Link>
            <Link href="/premium-rates">{t('navPremiumRates')}</Link>
            {viewer.role !== 'insurer' && <Link href="/expiring">{t('navExpiring')}</Link>}
            <Link href="/search">{t('navSearch')}</Link>
            {maySubmit(viewer) && <Link href="/submissions">{t('navSubmissions')}</Link>}
          </nav>
        )}
        <div className="app-tools">
          <button type="button" className="language" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} lang={language === 'zh' ? 'en' : 'zh-CN'}>
            {t('language')}
          </button>
          {viewer && <span className="app-user">{viewer.username}</span>}
          {viewer && <button type="button" onClick={signOut}>{t('signOut')}</button>}
        </div>
      </header>
      {children}
    </div>
  );
}
