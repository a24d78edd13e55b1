'use client';
import { useTheme } from 'next-themes';
import { Toaster } from 'sonner';

/**
 * Where toasts appear. It must sit outside the header: the header's backdrop-filter makes it the containing
 * block of fixed descendants, which pinned the toasts under the header instead of the window's corner.
 */
export function Toasts() {
  const { resolvedTheme } = useTheme();
  return <Toaster theme={resolvedTheme === 'dark' ? 'dark' : 'light'} position="bottom-right" closeButton />;
}
