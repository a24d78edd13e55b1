'use client';
import { BellRing, Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

const bytes = (base64url: string) =>
  Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/**
 * Web Push for the browser channel: this browser subscribes to the bridge's pushes (VAPID), so its alerts
 * arrive when no studio tab is open; the subscription is stored as the channel's sealed secret.
 */
export function WebPush({ channelId, vapidKey, on }: { channelId: string; vapidKey: string | null; on: boolean }) {
  const router = useRouter();
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | null>(null);
  useEffect(() => setSupported('serviceWorker' in navigator && 'PushManager' in window), []);
  if (supported === null) return null;
  const enable = async () => {
    setBusy(true);
    try {
      if ((await Notification.requestPermission()) !== 'granted')
        throw new Error('Notifications are blocked for the studio in this browser’s settings.');
      const registration = await navigator.serviceWorker.register('/alert-sw.js');
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: bytes(vapidKey!),
      });
      await api('updateAlertChannel', { params: { id: channelId }, body: { secret: JSON.stringify(subscription) } });
      setMessage({ text: 'Web Push is on for this browser.' });
      router.refresh();
    } catch (err) {
      const text =
        err instanceof ApiError
          ? err.message
          : `This browser could not subscribe (${err instanceof Error ? err.message : String(err)}); its push service may be unreachable.`;
      setMessage({ text, bad: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="text-muted-foreground">
        Open tabs show these alerts. With Web Push they also reach this browser when no studio tab is open
        {on ? ' (on; turn it on again here to move it to this browser).' : '.'}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="outline" disabled={busy || !supported || !vapidKey} onClick={() => void enable()}>
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <BellRing aria-hidden />}
          {on ? 'Subscribe this browser again' : 'Turn on Web Push in this browser'}
        </Button>
        <span role="status" className={message?.bad ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}>
          {message?.text ??
            (!supported
              ? 'This browser has no Web Push.'
              : !vapidKey
                ? 'The bridge has not started yet (it holds the push keys).'
                : '')}
        </span>
      </div>
    </div>
  );
}
