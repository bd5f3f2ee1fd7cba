// Jobs for the pool's own tests: an answer, a busy loop that holds its thread, and a failure.
export const JOBS = {
  echo: (input: { value: number }) => ({ twice: input.value * 2 }),
  spin: ({ ms }: { ms: number }) => {
    const until = Date.now() + ms;
    while (Date.now() < until);
    return ms;
  },
  fail: (_: Record<string, never>): never => {
    throw new Error('this job always fails');
  },
};
