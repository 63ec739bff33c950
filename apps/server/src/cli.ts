import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CreateTenantRequest, CreateUserRequest, ROLES, type Role } from '@civicline/contracts';
import { ConfigError, loadConfig, type Config, type Role as NodeRole } from './config.ts';
import { createContainer } from './container.ts';
import { systemContext } from './platform/auth/context.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { AppError } from './platform/errors.ts';
import { migrateConfiguredDatabase, openConfiguredDatabase, startNode, startupBanner } from './main.ts';
import { seedDemo } from './seed/demo.ts';
import { EXTERNAL_KINDS, isExternalKind } from './modules/status-check/index.ts';
import { countRows, progressBar, readRecordFile } from './modules/status-check/import-file.ts';

class CliFailure extends Error {}

/** Opens, migrates and wires the database for a one-shot command, then closes it. */
async function withContainer<T>(config: Config, fn: (c: ReturnType<typeof createContainer>) => Promise<T>): Promise<T> {
  const opened = await openConfiguredDatabase(config);
  try {
    await migrateConfiguredDatabase(config, opened.database);
    return await fn(createContainer(config, opened.database));
  } finally {
    await opened.close();
  }
}

function parseRoles(value: string): NodeRole[] {
  const roles = value.split(',').map((r) => r.trim());
  for (const r of roles) if (r !== 'web' && r !== 'worker' && r !== 'smtp') throw new InvalidArgumentError(`unknown role "${r}" (web, worker, smtp)`);
  return roles as NodeRole[];
}

function parseStaffRoles(value: string): Role[] {
  const roles = value.split(',').map((r) => r.trim());
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new InvalidArgumentError(`unknown role "${r}" (${ROLES.join(', ')})`);
  return roles as Role[];
}

async function requireTenant(c: ReturnType<typeof createContainer>, slug: string) {
  const tenant = await c.tenants.bySlug(slug);
  if (!tenant) throw new CliFailure(`No institution with the slug "${slug}". Known: ${(await c.tenants.listAll()).map((t) => t.slug).join(', ') || 'none'}`);
  return tenant;
}

export function buildCli(): Command {
  const program = new Command('civicline').description('CivicLine: citizen requests on every channel').showHelpAfterError();

  program
    .command('serve', { isDefault: true })
    .description('Start CivicLine (web, worker and smtp roles by default)')
    .addOption(new Option('--roles <roles>', 'comma-separated: web, worker, smtp').argParser(parseRoles))
    .option('--port <port>', 'HTTP port (overrides PORT)', (v) => Number.parseInt(v, 10))
    .action(async (opts: { roles?: NodeRole[]; port?: number }) => {
      const config = loadConfig(process.env, opts.port !== undefined ? { port: opts.port } : {});
      const roles = opts.roles ?? config.roles;
      if (roles.includes('worker') && !roles.includes('web') && config.database.kind === 'pglite') {
        console.warn('Note: a worker-only node on the embedded database cannot share it with a web node; use DATABASE_URL.');
      }
      const node = await startNode(config, roles);
      console.log(startupBanner(node, roles, config));
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal}: stopping CivicLine…`);
        node.stop().then(
          () => process.exit(0),
          (err) => {
            console.error(err);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    });

  program
    .command('migrate')
    .description('Apply database migrations and exit')
    .action(async () => {
      const config = loadConfig();
      const opened = await openConfiguredDatabase(config);
      try {
        await migrateConfiguredDatabase(config, opened.database);
      } finally {
        await opened.close();
      }
      console.log(`Migrations applied (${config.database.kind}).`);
    });

  program
    .command('seed')
    .description('Load data into the database')
    .requiredOption('--demo', 'the demo institutions (a Romanian city hall and a Russian hotline)')
    .action(async () => {
      await withContainer(loadConfig(), async (c) => {
        const logins = await seedDemo(c, (m) => console.log(m));
        console.log(`${logins.length} demo staff logins available.`);
      });
    });

  const tenant = program.command('tenant').description('Institutions');
  tenant
    .command('create')
    .description('Create an institution')
    .requiredOption('--slug <slug>')
    .requiredOption('--name <name>')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2, e.g. RO')
    .requiredOption('--time-zone <tz>', 'IANA time zone, e.g. Europe/Bucharest')
    .requiredOption('--language <lang>', 'ro, ru, it, vi or en')
    .requiredOption('--id-scheme <scheme>', 'ro_cnp, ru_snils, it_codice_fiscale or vn_cccd')
    .action(async (o: Record<string, string>) => {
      const input = CreateTenantRequest.safeParse({
        slug: o.slug,
        name: o.name,
        country: o.country,
        timeZone: o.timeZone,
        defaultLanguage: o.language,
        nationalIdScheme: o.idScheme,
      });
      if (!input.success) throw new CliFailure(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      await withContainer(loadConfig(), async (c) => {
        const t = await c.tenants.create(input.data);
        console.log(`Institution ${t.slug} created (${t.id}).`);
      });
    });
  tenant
    .command('list')
    .description('List institutions')
    .action(async () => {
      await withContainer(loadConfig(), async (c) => {
        for (const t of await c.tenants.listAll()) console.log(`${t.slug}\t${t.country}\t${t.timeZone}\t${t.name}`);
      });
    });

  const user = program.command('user').description('Staff users');
  user
    .command('create')
    .description('Create a staff user; the password is read from CIVICLINE_NEW_PASSWORD or generated and printed')
    .requiredOption('--tenant <slug>')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--roles <roles>', ROLES.join(', '), parseStaffRoles)
    .option('--locale <locale>', 'en, ro or ru', 'en')
    .action(async (o: { tenant: string; email: string; name: string; roles: Role[]; locale: string }) => {
      const generated = !process.env.CIVICLINE_NEW_PASSWORD;
      const password = process.env.CIVICLINE_NEW_PASSWORD ?? randomBytes(12).toString('base64url');
      const input = CreateUserRequest.safeParse({ email: o.email, displayName: o.name, roles: o.roles, locale: o.locale, password });
      if (!input.success) throw new CliFailure(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      await withContainer(loadConfig(), async (c) => {
        const t = await requireTenant(c, o.tenant);
        const u = await c.users.create(systemContext(t.id, 'cli'), input.data);
        console.log(`User ${u.email} created in ${t.slug} with roles ${u.roles.join(', ')}.`);
        if (generated) console.log(`Password (shown once): ${password}`);
      });
    });

  program
    .command('import')
    .description(`Import records of another system into the status check's built-in store (${EXTERNAL_KINDS.join(', ')}) from a CSV or JSON file`)
    .argument('<kind>', EXTERNAL_KINDS.join(', '))
    .argument('<file>', 'CSV with a header line (columns: see modules/status-check/flat-record.ts), or a JSON array')
    .option('--tenant <slug>', 'the institution (may be left out when there is only one)')
    .action(async (kindArg: string, file: string, o: { tenant?: string }) => {
      // "invoices" reads as well as "invoice".
      const kind = kindArg.replace(/s$/, '').replace(/-/g, '_');
      if (!isExternalKind(kind)) throw new CliFailure(`Unknown record kind "${kindArg}" (${EXTERNAL_KINDS.join(', ')})`);
      if (!fs.existsSync(file)) throw new CliFailure(`No such file: ${file}`);
      const result = await withContainer(loadConfig(), async (c) => {
        const all = o.tenant ? [] : await c.tenants.listAll();
        if (!o.tenant && all.length !== 1) throw new CliFailure(`Name the institution with --tenant (${all.map((x) => x.slug).join(', ') || 'none yet'})`);
        const t = o.tenant ? await requireTenant(c, o.tenant) : all[0]!;
        const bar = progressBar(process.stderr, await countRows(file));
        const r = await c.statusCheck.records.importRecords(systemContext(t.id, 'cli'), kind, readRecordFile(file), (done) => bar.update(done));
        bar.done();
        return r;
      });
      for (const e of result.errors.slice(0, 20)) console.log(`row ${e.row}: ${e.message}`);
      if (result.errors.length > 20) console.log(`… and ${result.errors.length - 20} more rejected rows`);
      console.log(`Imported ${result.imported} of ${result.received} ${kind} records (${result.errors.length} rejected).`);
      if (result.errors.length > 0) process.exitCode = 2;
    });

  const audit = program.command('audit').description('Audit trail');
  audit
    .command('verify')
    .description("Verify each institution's audit hash chain; exits 1 at the first broken link")
    .option('--tenant <slug>', 'only this institution')
    .action(async (o: { tenant?: string }) => {
      const broken = await withContainer(loadConfig(), async (c) => {
        const list = o.tenant ? [await requireTenant(c, o.tenant)] : await c.tenants.listAll();
        let bad = 0;
        for (const t of list) {
          const r = await c.audit.verify(t.id);
          if (r.ok) console.log(`${t.slug}: OK, ${r.checked} entries, chain intact`);
          else {
            bad++;
            console.log(`${t.slug}: BROKEN at entry ${r.firstBrokenSeq}: ${r.reason} (${r.checked} entries before it are intact)`);
          }
        }
        return bad;
      });
      if (broken > 0) process.exitCode = 1;
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof CliFailure) {
      console.error(err.message);
    } else if (err instanceof AppError) {
      console.error(`${err.message} (${err.code})`);
    } else {
      console.error(err);
    }
    process.exit(1);
  }
}
