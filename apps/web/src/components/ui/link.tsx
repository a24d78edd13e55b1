'use client';
// eslint-disable-next-line no-restricted-imports -- the one place that wraps it
import NextLink from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * next/link that prefetches on intent (pointer over it, focus, touch), never because it is on screen: after
 * every cache invalidation Next prefetches each visible link again, and a live page refreshes on every event,
 * so an idle dashboard fetched its 40 links over and over (135 requests in 20 s, most aborted).
 */
export default function Link({
  prefetch,
  onMouseEnter,
  onFocus,
  onTouchStart,
  ...props
}: ComponentProps<typeof NextLink>) {
  const router = useRouter();
  const intent = () => {
    if (prefetch !== false && typeof props.href === 'string') router.prefetch(props.href);
  };
  return (
    <NextLink
      {...props}
      prefetch={false}
      onMouseEnter={(e) => {
        intent();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        intent();
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        intent();
        onTouchStart?.(e);
      }}
    />
  );
}
