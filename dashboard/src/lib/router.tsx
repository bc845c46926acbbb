/**
 * A router of a dozen lines over the History API: the dashboard has six pages and needs no more.
 * `navigate` pushes a URL; the browser's back and forward buttons replay them.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { parseRoute, type Route } from './routes';

interface RouterState {
  route: Route;
  /** `keepScroll`: the same view in another state (a list's order or page), read where the reader is. */
  navigate(url: string, options?: { replace?: boolean; keepScroll?: boolean }): void;
}

const RouterContext = createContext<RouterState | null>(null);

function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(currentRoute);
  useEffect(() => {
    const onPopState = () => setRoute(currentRoute());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const navigate = useCallback((url: string, options: { replace?: boolean; keepScroll?: boolean } = {}) => {
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    if (!options.keepScroll) window.scrollTo?.(0, 0);
    setRoute(currentRoute());
  }, []);
  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter() needs a <RouterProvider> above it');
  return router;
}

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ href, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={onClick} {...rest}>{children}</a>;
}
