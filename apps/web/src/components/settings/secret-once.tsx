'use client';
import { Copy } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** A secret the studio shows only once (a new API token or webhook secret), with a copy button. */
export function SecretOnce({ secret, testId, children }: { secret: string; testId: string; children: ReactNode }) {
  return (
    <div role="status" className="mx-4 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
      <p className="mb-2 font-medium">{children}</p>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1 font-mono text-xs" data-testid={testId}>
          {secret}
        </code>
        <Button size="sm" variant="outline" onClick={() => void navigator.clipboard?.writeText(secret)}>
          <Copy aria-hidden /> Copy
        </Button>
      </div>
    </div>
  );
}
