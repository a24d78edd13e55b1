import { PasswordForm } from '@/components/auth/password-form';
import { pathAfterSignIn } from './next-path';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <PasswordForm mode="login" next={pathAfterSignIn(typeof next === 'string' ? next : undefined)} />
      <p className="mt-4 text-xs text-muted-foreground">
        Forgot it? Run <code>agent-studio passwd</code> on the machine the studio runs on.
      </p>
    </>
  );
}
