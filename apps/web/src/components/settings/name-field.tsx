import { cn } from '@/lib/cn';

/** The name a token, webhook or channel is listed under (`className` sizes the field). */
export function NameField({ placeholder, className }: { placeholder: string; className?: string }) {
  return (
    <label className={cn('flex flex-col gap-1 text-sm', className)}>
      Name
      <input
        name="name"
        required
        maxLength={100}
        placeholder={placeholder}
        className="h-9 w-full rounded-md border bg-background px-2"
      />
    </label>
  );
}
