import { parseArgs } from 'node:util';
import { ConfigError, envExample, parseConfig } from './config.ts';
import { migrateDatabase, openDatabase } from './db/client.ts';
import { serve, startRuntime, work } from './main.ts';
import { createAdmin } from './services/people/create-admin.ts';
import { seedDemo } from './services/demo/seed-demo.ts';
import path from 'node:path';

const HELP = `loket <command>

  serve                 HTTP server (and background jobs unless RUN_JOBS=false)
  worker                background jobs only (needs DATABASE_URL; on the embedded database serve runs them)
  migrate               apply the database migrations and exit
  seed-demo             load the demo data (once; a second run changes nothing)
  create-admin          --email <address> --name <name> --password <password> [--organisation <provider name>]
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
