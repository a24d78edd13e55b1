import Link from '@/components/ui/link';

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="text-sm text-muted-foreground">
        Nothing here: it may have been removed from OpenClaw, or the link is wrong.
      </p>
      <Link href="/" className="text-sm text-primary hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
