import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';

/** The opt-in to send to addresses on this machine or the owner's network; `children` say when it is for. */
export function PrivateNetworkCheckbox({ children }: { children: ReactNode }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" name="allowPrivateNetwork" className="mt-1" />
      <span>
        Allow private network addresses
        <span className="block text-xs text-muted-foreground">{children}</span>
      </span>
    </label>
  );
}

/** Where a sender (a webhook, an alert channel) stands, in its list: said only when off or allowed the private network. */
export function SenderBadges({ enabled, allowPrivateNetwork }: { enabled: boolean; allowPrivateNetwork: boolean }) {
  return (
    <>
      {!enabled && <Badge>disabled</Badge>}
      {allowPrivateNetwork && <Badge tone="warning">private network</Badge>}
    </>
  );
}
