'use client';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, type ComponentProps, type FormEvent } from 'react';

const TYPING_PAUSE_MS = 400;

/**
 * A list's filters, applied as they change (a choice at once, typed text after a pause) with no Apply button:
 * the URL takes the non-empty fields, and the page renders again in place (focus stays in the search box).
 */
export function FilterForm({ children, ...props }: Omit<ComponentProps<'form'>, 'onSubmit' | 'onChange'>) {
  const router = useRouter();
  const pathname = usePathname();
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(typing.current ?? undefined), []);
  const apply = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
    const qs = params.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  return (
    <form
      {...props}
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        clearTimeout(typing.current ?? undefined);
        apply(e.currentTarget);
      }}
      onChange={(e) => {
        const form = e.currentTarget;
        clearTimeout(typing.current ?? undefined);
        if (e.target instanceof HTMLSelectElement) apply(form);
        else typing.current = setTimeout(() => apply(form), TYPING_PAUSE_MS);
      }}
    >
      {children}
    </form>
  );
}
