import type { FailureAttempt } from '@agent-studio/core/failures/categorize';

/** The fix the studio suggests for a failure, after the models an `All models failed` tried (the first decides). */
export function FailureFix({ advice, attempts }: { advice: string; attempts: FailureAttempt[] }) {
  return (
    <>
      {attempts.length > 1 && (
        <ul aria-label="Models tried" className="flex flex-col gap-0.5 text-xs text-muted-foreground">
          {attempts.map((a, i) => (
            <li key={`${a.model}-${i}`}>
              <span className="font-mono">{a.model}</span>: {a.category.replaceAll('_', ' ')}
              {i === 0 ? ' (the job’s own model: this decides)' : ''}
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm text-muted-foreground">
        <span className="font-medium text-foreground">Suggested fix: </span>
        {/* the advice marks config keys and commands with backticks */}
        {advice.split(/`([^`]+)`/).map((part, i) =>
          i % 2 ? (
            <code key={i} className="rounded bg-muted px-1 font-mono text-xs text-foreground">
              {part}
            </code>
          ) : (
            part
          ),
        )}
      </p>
    </>
  );
}
