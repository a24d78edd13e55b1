'use client';
import { Command } from 'cmdk';
import { Bot, CalendarClock, FileText, Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api-client';
import { NAV_LINKS } from './nav-links';

interface Item {
  id: string;
  label: string;
  hint: string;
  href: string;
}

/** The lists to jump into; those that could not be read are named in `failed`. */
async function loadItems(): Promise<Record<'jobs' | 'sessions' | 'content', Item[]> & { failed: string[] }> {
  const failed: string[] = [];
  const orNothing = (what: string) => () => {
    failed.push(what);
    return [];
  };
  const [jobs, sessions, content] = await Promise.all([
    api('listCronJobs').then((r) => r.jobs, orNothing('cron jobs')),
    api('listAgentSessions', { query: { limit: 100 } }).then((r) => r.sessions, orNothing('agent sessions')),
    api('listGtmOutputs', { query: { limit: 100 } }).then((r) => r.outputs, orNothing('content')),
  ]);
  return {
    failed,
    jobs: jobs.map((j) => ({ id: j.id, label: j.name, hint: j.scheduleInWords, href: `/cron/${j.id}` })),
    sessions: sessions.map((s) => ({ id: s.id, label: s.agentName, hint: `${s.agentType} · ${s.status}`, href: `/agents/${s.id}` })),
    content: content.map((o) => ({ id: o.id, label: o.title, hint: `${o.contentType} · ${o.status.replace('_', ' ')}`, href: `/content/${o.id}` })),
  };
}

const GROUPS = [
  { key: 'jobs', heading: 'Cron jobs', icon: CalendarClock },
  { key: 'sessions', heading: 'Agent sessions', icon: Bot },
  { key: 'content', heading: 'Content', icon: FileText },
] as const;

/** ⌘K / Ctrl+K: jump to any page, job, session or content item by typing part of its name. */
export function CommandPalette() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Awaited<ReturnType<typeof loadItems>> | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'k' && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) void loadItems().then(setItems);
  }, [open]);

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} className="text-muted-foreground" aria-label="Search (Ctrl+K)">
        <Search aria-hidden />
        <span className="hidden sm:inline">Search</span>
        <kbd className="hidden rounded border px-1 font-mono text-[10px] sm:inline">Ctrl K</kbd>
      </Button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Jump to"
        overlayClassName="fixed inset-0 z-40 bg-black/40"
        contentClassName="fixed top-[15vh] left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg border bg-card shadow-xl"
      >
        <Command.Input placeholder="Jump to a job, session, content or page…" className="w-full border-b bg-transparent px-4 py-3 text-sm outline-none" />
        <Command.List className="max-h-[50vh] overflow-y-auto p-2">
          <Command.Empty className="px-2 py-6 text-center text-sm text-muted-foreground">{items ? 'Nothing matches.' : 'Loading…'}</Command.Empty>
          <Command.Group heading="Pages" className="text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1">
            {NAV_LINKS.map(({ href, label, icon: Icon }) => (
              <Command.Item key={href} value={`page ${label}`} onSelect={() => go(href)} className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-2 text-sm text-foreground data-[selected=true]:bg-muted">
                <Icon className="size-4 text-muted-foreground" aria-hidden /> {label}
              </Command.Item>
            ))}
          </Command.Group>
          {items &&
            GROUPS.map(({ key, heading, icon: Icon }) =>
              items[key].length ? (
                <Command.Group key={key} heading={heading} className="text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1">
                  {items[key].map((i) => (
                    <Command.Item key={i.id} value={`${i.label} ${i.hint} ${i.id}`} onSelect={() => go(i.href)} className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-2 text-sm text-foreground data-[selected=true]:bg-muted">
                      <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                      <span className="truncate">{i.label}</span>
                      <span className="ml-auto shrink-0 text-xs text-muted-foreground">{i.hint}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null,
            )}
        </Command.List>
        {items?.failed.length ? (
          <p role="alert" className="border-t px-4 py-2 text-xs text-danger">
            Could not load {items.failed.join(', ')}: search them again in a moment.
          </p>
        ) : null}
      </Command.Dialog>
    </>
  );
}
