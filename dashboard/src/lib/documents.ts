/**
 * The platform's documents (GET /api/documents/<name>) downloaded with the session's token: the same
 * workbook `npm run report` writes, with the server's scope checks. A refusal carries GraphQL's error
 * shape; its message is thrown.
 */
import { download } from './exportTable';

export async function downloadDocument(name: string, params: Record<string, string | number>, token: string | null, fileName: string): Promise<void> {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  const response = await fetch(`/api/documents/${encodeURIComponent(name)}?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: Array<{ message: string }> } | null;
    throw new Error(body?.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  download(await response.blob(), fileName);
}
