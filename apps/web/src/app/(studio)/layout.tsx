import { Activity } from 'lucide-react';
import Link from '@/components/ui/link';
import { randomUUID } from 'node:crypto';
import { Suspense, type ReactNode } from 'react';
import { Notifications } from '@/components/live/notifications';
import { Toasts } from '@/components/live/toasts';
import { CommandPalette } from '@/components/shell/command-palette';
import { GatewayState } from '@/components/shell/gateway-state';
import { GatewaySwitcher } from '@/components/shell/gateway-switcher';
import { MobileNav } from '@/components/shell/mobile-nav';
import { Nav } from '@/components/shell/nav';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { UserMenu } from '@/components/shell/user-menu';
import { inboxTotal } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { inboxCounts } from '@/server/inbox';
import { pageGateway } from '@/server/page-gateway';
import { renderSince } from '@/server/render-since';

export default async function StudioLayout({ children }: { children: ReactNode }) {
  // re-rendered with the page on each live update (Notifications' stream), so the badge follows
  const db = await getDb();
  const { gateways, selected, gatewayId, fleet } = await pageGateway(db);
  // the live stream goes on from here: an event after the page's data and before the stream opens is not missed
  const since = await renderSince();
  const counts = { '/inbox': inboxTotal(await inboxCounts(gatewayId)) };
  const switcher = (className?: string) =>
    fleet && (
      <Suspense>
        <GatewaySwitcher
          gateways={gateways.map((g) => ({ id: g.id, name: g.name }))}
          initial={selected?.name ?? null}
          className={className}
        />
      </Suspense>
    );
  return (
    <div className="flex min-h-dvh">
      <aside className="sticky top-0 hidden h-dvh w-56 shrink-0 flex-col gap-6 border-r bg-card p-4 md:flex">
        <Link href="/" className="flex items-center gap-2 px-3 font-semibold">
          <Activity className="size-5 text-primary" aria-hidden />
          Agent Studio
        </Link>
        <Nav counts={counts} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/90 px-4 backdrop-blur">
          <MobileNav counts={counts} />
          <Link href="/" className="font-semibold whitespace-nowrap md:hidden">
            Agent Studio
          </Link>
          <div className="ml-auto flex items-center gap-1 sm:gap-2">
            <CommandPalette gateway={selected?.name ?? null} />
            {switcher('hidden lg:inline-flex')}
            <GatewayState gateways={gateways} selected={selected} />
            {/* new on every render: tells the live updates that a refresh has landed */}
            <Notifications renderId={randomUUID()} since={since} />
            <ThemeToggle />
            <UserMenu />
          </div>
        </header>
        {fleet && <div className="border-b px-3 lg:hidden">{switcher()}</div>}
        <main className="mx-auto w-full max-w-7xl flex-1 p-4 md:p-6">{children}</main>
      </div>
      <Toasts />
    </div>
  );
}
