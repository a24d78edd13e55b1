// The words of an alert: a title that says what (and whether it is over), a body that lists what is open.
import type { AlertIncidentRow } from '@agent-studio/database';

const MAX_ITEMS = 10;

const minutes = (ms: number) => {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
};

/** The items a message lists (the rest are counted): an approval's one-time link is made for these only. */
export const listedItems = <T>(items: readonly T[]) => items.slice(0, MAX_ITEMS);

/** `itemLinks`: a link of its own under an item (by its key), e.g. the one-time link that opens an approval. */
export function incidentMessage(
  incident: Pick<AlertIncidentRow, 'title' | 'items' | 'opened_at' | 'resolved_at'>,
  kind: 'opened' | 'updated' | 'resolved',
  publicUrl?: string,
  itemLinks?: ReadonlyMap<string, string>,
): { title: string; body: string } {
  const link = publicUrl ? `\n\n${publicUrl.replace(/\/+$/, '')}/settings/alerts` : '';
  if (kind === 'resolved') {
    const lasted = (incident.resolved_at ?? new Date()).getTime() - new Date(incident.opened_at).getTime();
    return {
      title: `Resolved: ${incident.title}`,
      body: `This is over (it lasted ${minutes(lasted)}).${link}`,
    };
  }
  const items = listedItems(incident.items).map((i) => {
    const own = itemLinks?.get(i.key);
    return `• ${i.title}: ${i.detail}${own ? `\n  ${own}` : ''}`;
  });
  const more = incident.items.length > MAX_ITEMS ? `\n…and ${incident.items.length - MAX_ITEMS} more.` : '';
  return {
    title: kind === 'updated' ? `Still open: ${incident.title}` : incident.title,
    body: `${items.join('\n')}${more}${link}`,
  };
}
