'use client';
import { Server } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { cn } from '@/lib/cn';
import { GATEWAY_COOKIE, GATEWAY_COOKIE_MAX_AGE_S, GATEWAY_PARAM } from '@/lib/gateway-filter';

function rememberGateway(name: string | null) {
  document.cookie = name
    ? `${GATEWAY_COOKIE}=${encodeURIComponent(name)}; path=/; max-age=${GATEWAY_COOKIE_MAX_AGE_S}; samesite=lax`
    : `${GATEWAY_COOKIE}=; path=/; max-age=0; samesite=lax`;
}

/**
 * All gateways, or one (issue 18, the fleet). The choice goes in the page's `?gateway=` and in a cookie, so every
 * page after it (nav links, a list's filter forms) shows the same gateway; a link with `?gateway=` sets it too.
 * Shown only when there are several gateways (the layout leaves it out otherwise): in the header on a wide
 * screen, else in a row of its own under it (a header narrower than 1024 px has no room left).
 */
export function GatewaySwitcher({
  gateways,
  initial,
  className,
}: {
  gateways: { id: string; name: string }[];
  initial: string | null;
  className?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [chosen, setChosen] = useState(initial);
  const fromUrl = params.get(GATEWAY_PARAM);
  const named = fromUrl ? gateways.find((g) => g.name === fromUrl || g.id === fromUrl) : undefined;
  const value = named?.name ?? chosen ?? '';
  // a gateway newly named by the address (a link with ?gateway=) is remembered. Only when the address changes:
  // choosing All re-renders once with the old address before the new one commits, and taking that for a new
  // choice put the old gateway back in the cookie (the next live refresh then showed it again)
  const lastFromUrl = useRef<string | null>(null);
  useEffect(() => {
    if (fromUrl === lastFromUrl.current) return;
    lastFromUrl.current = fromUrl;
    // even when the layout already shows it: the proxy gave the page's gateway to that render only
    if (named) {
      rememberGateway(named.name);
      setChosen(named.name);
    }
  }, [fromUrl, named]);
  return (
    <label className={cn('inline-flex min-h-9 items-center gap-1 rounded-md px-1 text-sm hover:bg-muted', className)}>
      <Server className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      <span className="sr-only">Gateway</span>
      <select
        value={value}
        data-testid="gateway-switcher"
        onChange={(e) => {
          const name = e.target.value || null;
          rememberGateway(name);
          setChosen(name);
          const next = new URLSearchParams(params);
          if (name) next.set(GATEWAY_PARAM, name);
          else next.delete(GATEWAY_PARAM);
          next.delete('cursor'); // a page of another gateway's list
          const qs = next.toString();
          router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
          router.refresh(); // the layout too: the nav's inbox count is the gateway's
        }}
        className="h-9 max-w-[12rem] truncate rounded-md bg-transparent text-sm"
      >
        <option value="">All gateways</option>
        {gateways.map((g) => (
          <option key={g.id} value={g.name}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}
