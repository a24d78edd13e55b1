'use client';
import { AlertTriangle, RotateCw } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** A page whose data could not be read: say so, and offer to try again (e.g. while the database restarts). */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <AlertTriangle className="size-8 text-danger" aria-hidden />
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="text-sm text-muted-foreground">
        The studio could not read its data just now{error.digest ? ` (reference ${error.digest})` : ''}. If the database
        is restarting, trying again in a moment usually works.
      </p>
      <Button onClick={reset} variant="outline">
        <RotateCw aria-hidden /> Try again
      </Button>
    </div>
  );
}
