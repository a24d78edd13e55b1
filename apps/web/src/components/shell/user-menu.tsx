'use client';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { KeyRound, LogOut, UserRound } from 'lucide-react';
import Link from '@/components/ui/link';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ApiError, api } from '@/lib/api-client';

const item =
  'flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted';

export function UserMenu() {
  const signOut = async (everywhere: boolean) => {
    try {
      await api('logout', { body: { everywhere } });
      window.location.assign('/login');
    } catch (err) {
      // staying signed in somewhere the owner meant to sign out of must not pass unnoticed
      toast.error(`Not signed out: ${err instanceof ApiError ? err.message : 'the studio did not answer.'}`);
    }
  };
  return (
    <Menu.Root>
      <Menu.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label="Account">
          <UserRound />
        </Button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-lg border bg-card p-1 shadow-lg">
          <Menu.Item asChild className={item}>
            <Link href="/settings">
              <KeyRound className="size-4" aria-hidden /> API tokens
            </Link>
          </Menu.Item>
          <Menu.Separator className="my-1 h-px bg-border" />
          <Menu.Item className={item} onSelect={() => void signOut(false)}>
            <LogOut className="size-4" aria-hidden /> Sign out
          </Menu.Item>
          <Menu.Item className={item} onSelect={() => void signOut(true)}>
            <LogOut className="size-4" aria-hidden /> Sign out everywhere
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
