import { redirect } from 'next/navigation';
import { redeemApprovalLinkToken } from '@agent-studio/database';
import { Card } from '@/components/ui/card';
import Link from '@/components/ui/link';
import { getDb } from '@/server/db';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Approval link' };

/**
 * An alert's one-time link to an approval. Like every studio page it needs the owner's sign-in first (a link
 * preview or a forwarded message cannot spend it); opening it spends the token and shows the approval.
 */
export default async function ApprovalLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const approvalId = token.length <= 100 ? await redeemApprovalLinkToken(await getDb(), token) : null;
  if (approvalId) redirect(`/inbox?approval=${approvalId}#approval-${approvalId}`);
  return (
    <Card className="mx-auto flex max-w-lg flex-col gap-2 p-6">
      <h1 className="text-lg font-semibold">This link no longer works</h1>
      <p className="text-sm text-muted-foreground">
        An approval link works once and for a day. Everything still waiting is in the{' '}
        <Link href="/inbox" className="text-primary hover:underline">
          inbox
        </Link>
        .
      </p>
    </Card>
  );
}
