'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Opens a dialog when the page was asked for it (`?open=<name>`, the command palette's actions), then takes
 * the parameter off the address so a reload or Back does not open it again.
 */
export function useOpenFromUrl(name: string, open: (next: boolean) => void) {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const asked = params.get('open') === name;
  useEffect(() => {
    if (!asked) return;
    open(true);
    const rest = new URLSearchParams(params);
    rest.delete('open');
    router.replace(rest.size ? `${path}?${rest}` : path, { scroll: false });
    // once per request for it
  }, [asked]);
}
