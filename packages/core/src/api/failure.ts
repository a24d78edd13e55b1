import { z } from 'zod';
import { failureCategories } from '../failures/categorize';

export const failureCategory = z
  .enum(failureCategories)
  .describe('the cause, as the Failures page groups it (README: Failures)');

export const runFailure = z
  .object({
    category: failureCategory,
    advice: z
      .string()
      .describe('what to do about it, in OpenClaw’s terms, naming the run’s provider, model and job where known'),
    attempts: z
      .array(z.object({ model: z.string(), text: z.string(), category: failureCategory }))
      .describe('for `All models failed`: each model tried and its own cause; the first (the job’s own model) decides'),
  })
  .nullable()
  .describe('why the run failed; null unless its status is failed or timeout');
