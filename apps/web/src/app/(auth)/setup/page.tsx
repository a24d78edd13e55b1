import { PasswordForm } from '@/components/auth/password-form';

export const metadata = { title: 'Set up' };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Set the owner password</h1>
      <p className="mb-4 text-sm text-muted-foreground">
        Only the owner can open the studio. This link works once, for 15 minutes.
      </p>
      {typeof token === 'string' && token ? (
        <PasswordForm mode="setup" token={token} />
      ) : (
        <p role="alert" className="text-sm text-danger">
          This page needs the setup link the studio printed in its console when it started.
        </p>
      )}
    </>
  );
}
