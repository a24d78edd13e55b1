export const dynamic = 'force-dynamic';

/** For supervisors and load balancers: answers without a session and reveals nothing. */
export function GET() {
  return Response.json({ ok: true });
}
