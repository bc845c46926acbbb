/**
 * The insurer a request narrows to: an insurer account is always narrowed to itself (naming another
 * insurer is FORBIDDEN, like naming another city); the regulator's accounts may name any insurer or none.
 */
import { forbidden } from './errors';
import { insurerInScope, type Viewer } from './scope';

export function insurerFilterInScope(viewer: Viewer, requested: string | null | undefined): string | null {
  const own = insurerInScope(viewer);
  if (own === null) return requested ?? null;
  if (requested !== null && requested !== undefined && requested !== own) {
    throw forbidden(`This account sees the figures of insurer ${own} only; leave insurer out or name ${own}.`);
  }
  return own;
}
