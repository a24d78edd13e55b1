import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { getDateFormat } from '@/server/date-format';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Agent Studio', template: '%s · Agent Studio' },
  description: 'A real-time control center for OpenClaw',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Providers nonce={nonce} dateFormat={await getDateFormat()}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
