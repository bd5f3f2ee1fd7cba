import { describe, expect, it } from 'vitest';
import { token } from '../../scripts/cli/token.ts';
import { runProgram, runScript } from '../support/cli.ts';

describe('npm run token', () => {
  it('as its own process, when the role is unknown, exits 2 naming the roles, before touching any store', async () => {
    const result = await runScript('scripts/token.ts', ['create', '--org', 'Eneco', '--role', 'boss']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--role must be one of admin, engineer, submitter, planner, viewer, got "boss"');
  });

  it('when no command is given, prints the usage', async () => {
    const result = await runProgram(token, []);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run token -- create --org NAME --role ROLE');
  });
});
