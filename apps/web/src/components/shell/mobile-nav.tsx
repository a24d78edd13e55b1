'use client';
import * as Dialog from '@radix-ui/react-dialog';
import { Menu, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Nav } from './nav';

/** Below the md breakpoint the navigation folds into a sheet behind a menu button. */
export function MobileNav({ counts }: { counts?: Record<string, number> }) {
  const [open, setOpen] = useState(false);
  const waiting = counts?.['/inbox'] ?? 0;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative md:hidden"
          aria-label={waiting ? `Open navigation (${waiting} waiting in the inbox)` : 'Open navigation'}
        >
          <Menu />
          {waiting > 0 && <span className="absolute top-1.5 right-1.5 size-2 rounded-full bg-danger" aria-hidden />}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 flex-col gap-4 border-r bg-card p-4 shadow-lg">
          <div className="flex items-center justify-between">
            <Dialog.Title className="font-semibold">Agent Studio</Dialog.Title>
            <Dialog.Close asChild>
              <Button variant="ghost" size="icon" aria-label="Close navigation">
                <X />
              </Button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Go to a section of the studio</Dialog.Description>
          <Nav onNavigate={() => setOpen(false)} counts={counts} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
