/**
 * Sessions in tree order: each one followed by its sub-agents (oldest first), with its depth in the list. A
 * session whose parent is not in the list starts a tree of its own; the trees keep the list's order.
 */
export function inTreeOrder<S extends { id: string; parent_session_id: string | null; started_at: Date }>(
  sessions: readonly S[],
): { session: S; depth: number }[] {
  const ids = new Set(sessions.map((s) => s.id));
  const children = new Map<string, S[]>();
  for (const s of sessions) {
    if (s.parent_session_id && ids.has(s.parent_session_id))
      children.set(s.parent_session_id, [...(children.get(s.parent_session_id) ?? []), s]);
  }
  const out: { session: S; depth: number }[] = [];
  const visit = (s: S, depth: number) => {
    out.push({ session: s, depth });
    for (const c of [...(children.get(s.id) ?? [])].sort((a, b) => a.started_at.getTime() - b.started_at.getTime()))
      visit(c, depth + 1);
  };
  for (const s of sessions) if (!s.parent_session_id || !ids.has(s.parent_session_id)) visit(s, 0);
  return out;
}
