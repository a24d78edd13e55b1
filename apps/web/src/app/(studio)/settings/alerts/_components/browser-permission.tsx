'use client';
import { BellRing } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

/** Asks this browser for leave to show system notifications (the “This browser” channel needs it). */
export function BrowserPermission() {
  const [state, setState] = useState<NotificationPermission | 'unsupported' | null>(null);
  useEffect(() => setState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission), []);
  if (state === null || state === 'unsupported') return null;
  if (state === 'granted')
    return <span className="text-xs text-muted-foreground">Notifications on in this browser</span>;
  if (state === 'denied')
    return <span className="text-xs text-muted-foreground">Notifications blocked in this browser’s settings</span>;
  return (
    <Button size="sm" variant="outline" onClick={() => void Notification.requestPermission().then(setState)}>
      <BellRing aria-hidden /> Allow notifications here
    </Button>
  );
}
