import { describe, expect, it } from 'vitest';
import { runScript } from '../support/cli.ts';

const run = (...args: string[]) => runScript('scripts/token.ts', args);

describe('npm run token', () => {
  it('when the role is unknown, exits 2 naming the roles, before touching any store', () => {
    const result = run('create', '--org', 'Eneco', '--role', 'boss');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--role must be one of admin, engineer, submitter, planner, viewer, got "boss"');
  });

  it('when no command is given, prints the usage', () => {
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run token -- create --org NAME --role ROLE');
  });
});
