/**
 * Who is asking and what they may see. Enforced here, on the server, for every query:
 *
 * - `province` and `analyst` see everything.
 * - `city` sees its own city only. Naming another city, or a county of another city, is FORBIDDEN.
 *   The province code (the contract's default region) is read as "everything I may see", i.e. the
 *   user's own city, so that a dashboard opening on the default view shows the city's figures and no
 *   total ever includes another city.
 * - `insurer` sees its own figures only: fee ratios and service figures are restricted to its own
 *   row and to the enterprises it insures. Coverage and the uninsured list describe every enterprise
 *   of a region, insured by anyone or by no one (a competitor's market and prospects), so they are
 *   FORBIDDEN for insurer accounts.
 */
import { PROVINCE_CODE, type Region } from '../../domain/regions';
import { forbidden } from './errors';
import { resolveRegion } from './region';

export const ROLES = ['province', 'analyst', 'city', 'insurer'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  username: string;
  role: Role;
  /** The city code of a `city` user, the insurer id of an `insurer` user, null otherwise. */
  scope: string | null;
}

/** The region a request is about, after the viewer's scope is applied. */
export function regionInScope(viewer: Viewer, requestedCode: string | null | undefined): Region {
  const requested = resolveRegion(requestedCode ?? PROVINCE_CODE);
  if (viewer.role !== 'city') return requested;
  const ownCity = resolveRegion(viewer.scope ?? '');
  if (requested.level === 'province') return ownCity;
  const requestedCity = requested.level === 'city' ? requested.code : requested.parentCode;
  if (requestedCity !== ownCity.code) {
    throw forbidden(`This account sees ${ownCity.name} (${ownCity.code}) only; ${requested.name} (${requested.code}) lies outside it.`);
  }
  return requested;
}

/** The insurer whose figures alone the viewer may see, or null when the viewer may see every insurer. */
export function insurerInScope(viewer: Viewer): string | null {
  return viewer.role === 'insurer' ? viewer.scope : null;
}

/** Refuses insurer accounts the regulator's views of the whole market. */
export function forbidInsurers(viewer: Viewer, what: string): void {
  if (viewer.role === 'insurer') {
    throw forbidden(`${what} is for the regulator's accounts; an insurer account sees its own figures (fee ratios, services).`);
  }
}

