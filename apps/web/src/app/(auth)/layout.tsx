import { Activity } from 'lucide-react';
import type { ReactNode } from 'react';

/** Sign-in and setup: a small centred card, no navigation. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border bg-card p-6 shadow-sm">
        <p className="mb-4 flex items-center gap-2 font-semibold">
          <Activity className="size-5 text-primary" aria-hidden /> Agent Studio
        </p>
        {children}
      </div>
    </main>
  );
}
