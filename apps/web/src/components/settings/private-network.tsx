import type { ReactNode } from 'react';

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
