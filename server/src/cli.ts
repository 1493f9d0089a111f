import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadSecretKey, SECRET_KEY_BYTES, secretBox } from './adapters/secret-box.ts';
import { ConfigError, envExample, parseConfig } from './config.ts';
import { migrateDatabase, openDatabase } from './db/client.ts';
import { serve, startRuntime, work } from './main.ts';
import { createAdmin } from './services/people/create-admin.ts';
import { seedDemo } from './services/demo/seed-demo.ts';
import { rotateStoredSecrets } from './services/system/stored-secrets.ts';
import path from 'node:path';

const HELP = `loket <command>

  serve                 HTTP server (and background jobs unless RUN_JOBS=false)
  worker                background jobs only (needs DATABASE_URL; on the embedded database serve runs them)
  migrate               apply the database migrations and exit
  seed-demo             load the demo data (once; a second run changes nothing)
  create-admin          --email <address> --name <name> --password <password> [--organisation <provider name>]
  rotate-secret-key     --old-key <base64> | --old-key-file <path>: seal the stored secrets under the key now
                        configured (SECRET_KEY, else DATA_DIR/secret.key); stop every other Loket process first
  env-example           print .env.example, generated from the configuration schema

Configuration comes from the environment: see .env.example.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  if (command === 'env-example') {
    process.stdout.write(envExample());
    return 0;
  }
  const config = parseConfig(process.env);
  const untilSignal = async (stop: () => Promise<void>) => {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await stop();
    return 0;
  };
  switch (command) {
    case 'serve':
      return untilSignal(await serve(config));
    case 'worker':
      if (!config.databaseUrl) {
        console.error('loket worker needs DATABASE_URL: on the embedded database, `loket serve` runs the jobs itself.');
        return 2;
      }
      return untilSignal(await work(config));
    case 'migrate': {
      const database = await openDatabase({
        url: config.databaseUrl,
        dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pg'),
      });
      await migrateDatabase(database);
      await database.close();
      console.log('migrations applied');
      return 0;
    }
    case 'seed-demo': {
      const runtime = await startRuntime({ ...config, demoData: 'false' }, { runWorkers: false });
      const result = await seedDemo({ deps: runtime.deps });
      console.log(result.created ? `demo data loaded: ${result.tickets} tickets` : 'demo data was already there');
      await runtime.stop();
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          password: { type: 'string' },
          organisation: { type: 'string' },
        },
      });
      const runtime = await startRuntime({ ...config, demoData: 'false' }, { runWorkers: false });
      try {
        const admin = await createAdmin({ deps: runtime.deps, input: values });
        console.log(`admin ${admin.email} created`);
      } finally {
        await runtime.stop();
      }
      return 0;
    }
    case 'rotate-secret-key': {
      const { values } = parseArgs({
        args: rest,
        options: { 'old-key': { type: 'string' }, 'old-key-file': { type: 'string' } },
      });
      const encoded =
        values['old-key'] ?? (values['old-key-file'] ? await readFile(values['old-key-file'], 'utf8') : '');
      const oldKey = Buffer.from(encoded.trim(), 'base64');
      if (oldKey.length !== SECRET_KEY_BYTES) {
        console.error('rotate-secret-key needs the old key: --old-key <base64 of 32 bytes> or --old-key-file <path>');
        return 2;
      }
      if (oldKey.equals(await loadSecretKey(config))) {
        console.error('The old key is the key now configured: set SECRET_KEY to the new key, or move secret.key away');
        return 2;
      }
      const runtime = await startRuntime({ ...config, demoData: 'false' }, { runWorkers: false });
      try {
        const result = await rotateStoredSecrets(runtime.deps, secretBox(oldKey));
        console.log(
          `secrets sealed under the new key: ${result.resealed}; already under it: ${result.current}; ` +
            `under neither key: ${result.unreadable}`,
        );
        if (result.unreadable > 0) {
          console.error(
            'Secrets under neither key cannot be opened: enter those IMAP passwords again, re-subscribe those webhooks',
          );
          return 1;
        }
      } finally {
        await runtime.stop();
      }
      return 0;
    }
    default:
      console.error(`unknown command: ${command}\n\n${HELP}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
