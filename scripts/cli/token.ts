import { parseArgs } from 'node:util';
import { ORGANISATION_KINDS, type OrganisationKind, ROLES, type Role, isRole } from '../../server/domain/access/policy.ts';
import { type CliProgram, type Fail, failer, orFail } from './program.ts';

const usage = 'usage: npm run token -- create --org NAME --role ROLE [--kind KIND] [--label TEXT] | list | revoke ID';

/**
 * Creates, lists and revokes API tokens; 2 when the command cannot be used, before touching any store.
 *
 * @example await token(['create', '--org', 'Eneco', '--kind', 'heat-company', '--role', 'submitter'], io) // 0
 */
export const token: CliProgram = async (argv, io) => {
  const fail0 = failer('token', io);
  const fail: Fail = (message) => fail0(`${message}\n${usage}`);
  const { positionals, values } = orFail(() => parseArgs({
    args: argv,
    allowPositionals: true,
    options: { org: { type: 'string' }, role: { type: 'string' }, kind: { type: 'string', default: 'other' }, label: { type: 'string', default: '' } },
  }), fail);
  const [command, id] = positionals;

  if (command === 'create') {
    if (!values.org) fail('--org is required: the organisation the token acts for');
    if (!values.role || !isRole(values.role)) fail(`--role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(values.role)}`);
    if (!(ORGANISATION_KINDS as readonly string[]).includes(values.kind)) fail(`--kind must be one of ${ORGANISATION_KINDS.join(', ')}, got ${JSON.stringify(values.kind)}`);
  } else if (command === 'revoke') {
    if (!id) fail('revoke needs the token id (see: npm run token -- list)');
  } else if (command !== 'list') {
    fail(command ? `unknown command ${JSON.stringify(command)}` : 'a command is required');
  }

  await io.withStore(async (store) => {
    if (command === 'create') {
      const created = await store.access.createToken(values.org!, values.kind as OrganisationKind, values.role as Role, values.label);
      io.out(`token for ${values.org} as ${values.role} (id ${created.id}); it is shown only now:\n${created.token}`);
    } else if (command === 'list') {
      for (const t of await store.access.listTokens()) {
        io.out(`${t.id}  ${t.role.padEnd(9)}  ${t.organisation}${t.label ? ` (${t.label})` : ''}${t.revoked_at ? '  revoked' : ''}`);
      }
    } else {
      if (!(await store.access.revokeToken(id!))) fail(`no live token with id ${id}`);
      io.out(`revoked ${id}`);
    }
  });
  return 0;
};
