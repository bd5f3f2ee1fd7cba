/**
 * Manages API tokens on the configured store (DATABASE_URL, or the embedded store in ONDERGROND_DATA_DIR —
 * stop the server first: the embedded store takes one process at a time).
 *
 *   npm run token -- create --org "Eneco" --kind heat-company --role submitter [--label "route team"]
 *   npm run token -- list
 *   npm run token -- revoke <id>
 */
import { parseArgs } from 'node:util';
import { ORGANISATION_KINDS, type OrganisationKind, ROLES, isRole } from '../server/domain/access/policy.ts';
import { readConfig } from '../server/config.ts';
import { openStore } from '../server/store/index.ts';

const usage = 'usage: npm run token -- create --org NAME --role ROLE [--kind KIND] [--label TEXT] | list | revoke ID';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { org: { type: 'string' }, role: { type: 'string' }, kind: { type: 'string', default: 'other' }, label: { type: 'string', default: '' } },
});
const [command, id] = positionals;

function fail(message: string): never {
  console.error(`token: ${message}\n${usage}`);
  process.exit(2);
}

if (command === 'create') {
  if (!values.org) fail('--org is required: the organisation the token acts for');
  if (!values.role || !isRole(values.role)) fail(`--role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(values.role)}`);
  if (!(ORGANISATION_KINDS as readonly string[]).includes(values.kind!)) fail(`--kind must be one of ${ORGANISATION_KINDS.join(', ')}, got ${JSON.stringify(values.kind)}`);
} else if (command === 'revoke') {
  if (!id) fail('revoke needs the token id (see: npm run token -- list)');
} else if (command !== 'list') {
  fail(command ? `unknown command ${JSON.stringify(command)}` : 'a command is required');
}

const config = readConfig();
const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
try {
  if (command === 'create') {
    const created = await store.access.createToken(values.org!, values.kind as OrganisationKind, values.role as (typeof ROLES)[number], values.label);
    console.log(`token for ${values.org} as ${values.role} (id ${created.id}); it is shown only now:\n${created.token}`);
  } else if (command === 'list') {
    for (const t of await store.access.listTokens()) {
      console.log(`${t.id}  ${t.role.padEnd(9)}  ${t.organisation}${t.label ? ` (${t.label})` : ''}${t.revoked_at ? '  revoked' : ''}`);
    }
  } else {
    if (!(await store.access.revokeToken(id!))) fail(`no live token with id ${id}`);
    console.log(`revoked ${id}`);
  }
} finally {
  await store.close();
}
