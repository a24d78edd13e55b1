'use client';
import { Command } from 'cmdk';
import {
  BellRing,
  Bot,
  CalendarClock,
  CalendarDays,
  FileText,
  Loader2,
  Monitor,
  Pause,
  Play,
  PlugZap,
  Plus,
  Rocket,
  Search,
  type LucideIcon,
} from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTheme } from 'next-themes';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { useDateFormat } from '@/components/dates/date-format';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { NAV_LINKS } from './nav-links';

type Results = Awaited<ReturnType<typeof api<'search'>>>;
type Hit = Results['jobs'][number] | Results['sessions'][number] | Results['content'][number];

const PAGES: { href: string; label: string; icon: LucideIcon }[] = [
  ...NAV_LINKS,
  { href: '/content/calendar', label: 'Publishing calendar', icon: CalendarDays },
  { href: '/connect', label: 'Connect OpenClaw', icon: PlugZap },
  { href: '/settings/alerts', label: 'Alerts', icon: BellRing },
];
const GROUPS = [
  { key: 'jobs', heading: 'Cron jobs', icon: CalendarClock },
  { key: 'sessions', heading: 'Agent sessions', icon: Bot },
  { key: 'content', heading: 'Content', icon: FileText },
] as const;
const THEMES = ['system', 'light', 'dark'] as const;
// how many of the jobs found get their own Run and Pause actions
const JOB_ACTIONS = 3;
const item =
  'flex cursor-pointer items-center gap-2 rounded-md px-2 py-2 text-sm text-foreground data-[selected=true]:bg-muted';
const group = 'text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1';
const matches = (text: string, q: string) => text.toLowerCase().includes(q.trim().toLowerCase());

/**
 * ⌘K / Ctrl+K: pages and actions (new job, launch swarm, theme; "run …", "pause …", "resume …" act on the
 * jobs found), and a search of every job, session and content item on the server, grouped, sessions of one
 * name as one line, with dates. Enter on a name opens it: acting on a job takes its verb first.
 */
/** `gateway`: the header's gateway (issue 18, the fleet): jobs, sessions and content are searched on it only. */
export function CommandPalette({ gateway = null }: { gateway?: string | null }) {
  const router = useRouter();
  const fmt = useDateFormat();
  const { theme, setTheme } = useTheme();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ q: string; found: Results | null; error: string | null } | null>(null);

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
  // "run digest", "pause digest": the jobs found get that action; the search is for the rest
  const verb = /^(run|pause|resume)\s+(.*)$/i.exec(query.trim());
  const term = (verb ? verb[2]! : query).trim();
  // asked as the owner types (a pause first), the answer to an older query never replacing a newer one
  useEffect(() => {
    const q = term;
    if (!open || !q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api('search', { query: gateway ? { q, gateway } : { q } }).then(
        (found) => !controller.signal.aborted && setResults({ q, found, error: null }),
        (err) =>
          !controller.signal.aborted &&
          setResults({ q, found: null, error: err instanceof ApiError ? err.message : 'The search did not answer.' }),
      );
    }, 150);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [open, term, gateway]);

  const close = () => {
    setOpen(false);
    setQuery('');
    setResults(null);
  };
  const go = (href: string) => {
    close();
    router.push(href);
  };
  /** A job action from the palette: choosing it is the confirmation; the outcome is a toast. */
  const act = (what: string, work: () => Promise<string>) => {
    close();
    work().then(
      (said) => toast.success(said),
      (err) => toast.error(`${what}: ${err instanceof ApiError ? err.message : 'that did not work.'}`),
    );
  };

  const q = query.trim();
  const found = results?.q === term ? results.found : null;
  const searching = Boolean(term) && results?.q !== term;
  const current = (THEMES as readonly string[]).includes(theme ?? '') ? (theme as (typeof THEMES)[number]) : 'system';
  const nextTheme = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length]!;
  const general: { label: string; icon: LucideIcon; run: () => void }[] = [
    { label: 'Run a job… (type run and its name)', icon: Play, run: () => setQuery('run ') },
    { label: 'Pause a job… (type pause and its name)', icon: Pause, run: () => setQuery('pause ') },
    { label: 'New job', icon: Plus, run: () => go('/cron?open=new-job') },
    { label: 'Launch swarm', icon: Rocket, run: () => go('/agents?open=swarm') },
    { label: `Switch theme to ${nextTheme}`, icon: Monitor, run: () => (setTheme(nextTheme), close()) },
  ];
  const jobActions = (verb ? (found?.jobs ?? []) : [])
    .filter(
      (j) =>
        !j.removed &&
        (verb![1]!.toLowerCase() === 'run' || (j.canPause && j.enabled === (verb![1]!.toLowerCase() === 'pause'))),
    )
    .slice(0, JOB_ACTIONS)
    .map((j) =>
      verb![1]!.toLowerCase() === 'run'
        ? {
            label: `Run “${j.label}” now`,
            icon: Play,
            run: () =>
              act(`Run “${j.label}”`, async () =>
                'runId' in (await api('triggerCronJob', { params: { id: j.id } }))
                  ? `Run of “${j.label}” started.`
                  : `Run of “${j.label}” queued for the bridge.`,
              ),
          }
        : {
            label: j.enabled ? `Pause “${j.label}”` : `Resume “${j.label}”`,
            icon: j.enabled ? Pause : Play,
            run: () =>
              act(j.enabled ? `Pause “${j.label}”` : `Resume “${j.label}”`, async () => {
                const res = await api('updateCronJob', { params: { id: j.id }, body: { enabled: !j.enabled } });
                return res.status === 'succeeded'
                  ? `${j.enabled ? 'Paused' : 'Resumed'} “${j.label}”.`
                  : 'Queued for the bridge.';
              }),
          },
    );
  const actions = [...jobActions, ...general.filter((a) => !q || matches(a.label, q))];
  const pages = PAGES.filter((p) => !q || matches(p.label, q));
  const when = (h: Hit) => (h.at ? `${h.atKind} ${formatDate(h.at, 'datetime', fmt)}` : null);

  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => setOpen(true)}
        className="text-muted-foreground"
        aria-label="Search (Ctrl+K)"
      >
        <Search aria-hidden />
        <span className="hidden sm:inline">Search</span>
        <kbd className="hidden rounded border px-1 font-mono text-[10px] sm:inline">Ctrl K</kbd>
      </Button>
      <Command.Dialog
        open={open}
        onOpenChange={(o) => (o ? setOpen(true) : close())}
        label="Jump to"
        shouldFilter={false}
        overlayClassName="fixed inset-0 z-40 bg-black/40"
        contentClassName="fixed top-[15vh] left-1/2 z-50 w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg border bg-card shadow-xl"
      >
        <Command.Input
          value={query}
          onValueChange={setQuery}
          placeholder="Jump to a job, session, content or page…"
          className="w-full border-b bg-transparent px-4 py-3 text-sm outline-none"
        />
        <Command.List className="max-h-[60vh] overflow-y-auto p-2">
          {!searching && (
            <Command.Empty className="px-2 py-6 text-center text-sm text-muted-foreground">
              Nothing matches “{term}”.
            </Command.Empty>
          )}
          {pages.length > 0 && (
            <Command.Group heading="Pages" className={group}>
              {pages.map(({ href, label, icon: Icon }) => (
                <Command.Item key={href} value={`page ${href}`} onSelect={() => go(href)} className={item}>
                  <Icon className="size-4 text-muted-foreground" aria-hidden /> {label}
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {actions.length > 0 && (
            <Command.Group heading="Actions" className={group}>
              {actions.map(({ label, icon: Icon, run }) => (
                <Command.Item key={label} value={`action ${label}`} onSelect={run} className={item}>
                  <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="truncate">{label}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {searching && (
            <Command.Loading className="flex items-center gap-2 px-2 py-3 text-sm text-muted-foreground">
              <Loader2 className="size-4 animate-spin" aria-hidden />{' '}
              {gateway ? `Searching gateway ${gateway}…` : 'Searching everything…'}
            </Command.Loading>
          )}
          {found &&
            GROUPS.map(({ key, heading, icon: Icon }) =>
              found[key].length ? (
                <Command.Group key={key} heading={heading} className={group}>
                  {found[key].map((h: Hit) => (
                    <Command.Item key={h.id} value={`${key} ${h.id}`} onSelect={() => go(h.href)} className={item}>
                      <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                      <span className="flex min-w-0 flex-col">
                        <span className="truncate">{h.label}</span>
                        <span className="truncate text-xs text-muted-foreground">{h.hint}</span>
                      </span>
                      {when(h) && (
                        <span className="ml-auto shrink-0 pl-2 text-right text-xs text-muted-foreground">
                          {when(h)}
                        </span>
                      )}
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null,
            )}
        </Command.List>
        {gateway && term && (
          <p className="border-t px-4 py-2 text-xs text-muted-foreground">
            Jobs, sessions and content of gateway {gateway} only (the header’s choice).
          </p>
        )}
        {results?.q === q && results.error ? (
          <p role="alert" className="border-t px-4 py-2 text-xs text-danger">
            Could not search: {results.error}
          </p>
        ) : null}
      </Command.Dialog>
    </>
  );
}
