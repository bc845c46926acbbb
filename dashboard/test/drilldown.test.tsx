import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChoroplethMap } from '../src/components/ChoroplethMap';
import { rankByGap } from '../src/components/GapBarChart';
import { I18nProvider } from '../src/lib/i18n';
import { RouterProvider, useRouter } from '../src/lib/router';
import { breadcrumb, cityOf, parseRoute, regionUrl, routeUrl } from '../src/lib/routes';
import { landingUrl, mayViewRegion } from '../src/lib/session';

afterEach(cleanup);

describe('region URLs', () => {
  it('give every depth its own URL and read it back', () => {
    for (const code of ['140000', '140400', '140403']) {
      const url = regionUrl(code, { industries: [] });
      expect(url).toBe(`/region/${code}`);
      const route = parseRoute(url, '');
      expect(route).toEqual({ page: 'region', code, filters: { industries: [], asOf: undefined, year: undefined } });
    }
  });
  it('keep the filters in the query string', () => {
    const url = regionUrl('140403', { asOf: '2025-06-30', year: 2025, industries: ['COAL_MINE', 'FIREWORKS'] });
    expect(url).toBe('/region/140403?asOf=2025-06-30&year=2025&industries=COAL_MINE,FIREWORKS');
    const [path, query] = url.split('?');
    const route = parseRoute(path, query);
    expect(route.page === 'region' && route.filters).toEqual({ asOf: '2025-06-30', year: 2025, industries: ['COAL_MINE', 'FIREWORKS'] });
    expect(routeUrl(route)).toBe(url);
  });
  it('drop malformed filters instead of sending them to the API', () => {
    const route = parseRoute('/region/140400', '?asOf=yesterday&industries=COAL_MINE,GOLD&year=25');
    expect(route.page === 'region' && route.filters).toEqual({ asOf: undefined, year: undefined, industries: ['COAL_MINE'] });
    expect(parseRoute('/region/14', '').page).toBe('notFound');
  });
  it('build the breadcrumb 山西省 › 城市 › 区县 from the code, telling the two 城区 apart', () => {
    expect(breadcrumb('140403').map((r) => r.name)).toEqual(['山西省', '长治市', '潞州区']);
    expect(breadcrumb('140302').map((r) => r.code)).toEqual(['140000', '140300', '140302']);
    expect(breadcrumb('140502').map((r) => r.code)).toEqual(['140000', '140500', '140502']);
    expect(breadcrumb('999999')).toEqual([]);
    expect(cityOf('140403')).toBe('140400');
    expect(cityOf('140000')).toBeNull();
  });
});

describe('scope of a role', () => {
  const city = { username: 'changzhi', role: 'city' as const, scope: '140400' };
  const province = { username: 'prov', role: 'province' as const, scope: null };
  it('lands each role where it works', () => {
    expect(landingUrl(province)).toBe('/region/140000');
    expect(landingUrl({ ...province, role: 'analyst' })).toBe('/region/140000');
    expect(landingUrl(city)).toBe('/region/140400');
    expect(landingUrl({ username: 'picc', role: 'insurer', scope: 'picc' })).toBe('/insurer/picc');
  });
  it('keeps a city user inside its city', () => {
    expect(mayViewRegion(city, '140400')).toBe(true);
    expect(mayViewRegion(city, '140403')).toBe(true);
    expect(mayViewRegion(city, '140100')).toBe(false);
    expect(mayViewRegion(city, '140105')).toBe(false);
    expect(mayViewRegion(city, '140000')).toBe(false);
    expect(mayViewRegion(province, '140105')).toBe(true);
  });
});

describe('ranking by coverage gap', () => {
  it('puts the most uninsured enterprises first, ties by code', () => {
    const rows = rankByGap([
      { region: { code: '140200', name: '大同市' }, mandatory: 10, insured: 9, rate: 0.9 },
      { region: { code: '140100', name: '太原市' }, mandatory: 100, insured: 50, rate: 0.5 },
      { region: { code: '140300', name: '阳泉市' }, mandatory: 3, insured: 2, rate: 2 / 3 },
    ]);
    expect(rows.map((row) => [row.code, row.gap])).toEqual([['140100', 50], ['140200', 1], ['140300', 1]]);
  });
});

function CurrentPath() {
  const { route } = useRouter();
  return <div data-testid="route">{routeUrl(route)}</div>;
}

describe('drilling down on the map', () => {
  const cities = [
    { region: { code: '140400', name: '长治市' }, mandatory: 623, insured: 560, rate: 560 / 623 },
    { region: { code: '140100', name: '太原市' }, mandatory: 404, insured: 400, rate: 400 / 404 },
  ];

  it('draws every city from its real outline and moves the URL to the clicked or entered one', async () => {
    window.history.replaceState(null, '', '/region/140000');
    function Harness() {
      const { navigate } = useRouter();
      return (
        <>
          <ChoroplethMap parentCode="140000" coverage={cities} onDrill={(code) => navigate(regionUrl(code, { industries: [] }))} mayDrill={() => true} />
          <CurrentPath />
        </>
      );
    }
    render(<I18nProvider initial="zh"><RouterProvider><Harness /></RouterProvider></I18nProvider>);
    await waitFor(() => expect(document.querySelectorAll('path.map-region')).toHaveLength(11));
    const changzhi = document.querySelector<SVGPathElement>('path[data-code="140400"]')!;
    expect(changzhi.getAttribute('aria-label')).toContain('89.9%');
    expect(changzhi.getAttribute('d')).toMatch(/^M/);
    // A city without figures is drawn grey and is not a link.
    const datong = document.querySelector('path[data-code="140200"]')!;
    expect(datong.getAttribute('tabindex')).toBeNull();
    expect(datong.getAttribute('fill')).toBe('#d9d9d9');

    fireEvent.focus(changzhi);
    expect(screen.getByRole('status').textContent).toContain('623');
    fireEvent.click(changzhi);
    expect(screen.getByTestId('route').textContent).toBe('/region/140400');

    const taiyuan = document.querySelector<SVGPathElement>('path[data-code="140100"]')!;
    fireEvent.keyDown(taiyuan, { key: 'Enter' });
    expect(screen.getByTestId('route').textContent).toBe('/region/140100');
    // The browser answers back() with a popstate event later, not within the call: wait for the route it brings.
    act(() => window.history.back());
    await waitFor(() => expect(screen.getByTestId('route').textContent).toBe('/region/140400'));
  });

  it('offers no link into a region the viewer may not open', async () => {
    const onDrill = vi.fn();
    render(<I18nProvider initial="zh"><RouterProvider><ChoroplethMap parentCode="140000" coverage={cities} onDrill={onDrill} mayDrill={(code) => code === '140400'} /></RouterProvider></I18nProvider>);
    await waitFor(() => expect(document.querySelectorAll('path.map-region')).toHaveLength(11));
    const taiyuan = document.querySelector('path[data-code="140100"]')!;
    expect(taiyuan.getAttribute('tabindex')).toBeNull();
    fireEvent.click(taiyuan);
    fireEvent.keyDown(taiyuan, { key: 'Enter' });
    expect(onDrill).not.toHaveBeenCalled();
    expect(document.querySelector('path[data-code="140400"]')!.getAttribute('tabindex')).toBe('0');
  });

  it('loads the counties of a city by the same codes as the divisions', async () => {
    render(<I18nProvider initial="zh"><RouterProvider><ChoroplethMap parentCode="140400" coverage={[{ region: { code: '140403', name: '潞州区' }, mandatory: 5, insured: 1, rate: 0.2 }]} onDrill={() => {}} mayDrill={() => true} /></RouterProvider></I18nProvider>);
    await waitFor(() => expect(document.querySelectorAll('path.map-region').length).toBeGreaterThan(5));
    expect(document.querySelector('path[data-code="140403"]')!.getAttribute('fill')).toBe('#00204d');
  });
});
