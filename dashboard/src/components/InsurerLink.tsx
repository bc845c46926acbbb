/** An insurer's name, a link to its page when the viewer may open it, plain text otherwise. */
import { Link } from '../lib/router';
import { routeUrl } from '../lib/routes';
import { mayViewInsurer, useViewer } from '../lib/session';

export function InsurerLink({ insurer, year }: { insurer: { id: string; name: string }; year?: number }) {
  const { viewer } = useViewer();
  if (!viewer || !mayViewInsurer(viewer, insurer.id)) return <>{insurer.name}</>;
  return <Link href={routeUrl({ page: 'insurer', id: insurer.id, year })}>{insurer.name}</Link>;
}
