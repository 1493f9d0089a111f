import { openDatabase, migrateDatabase } from '/work/main/server/src/db/client.ts';
let t = performance.now();
const d = await openDatabase({});
console.log('open', performance.now() - t); t = performance.now();
await migrateDatabase(d);
console.log('migrate', performance.now() - t); t = performance.now();
if (d.kind === 'pglite') {
  const blob = await d.pglite.dumpDataDir('none');
  console.log('dump', performance.now() - t, blob.size); t = performance.now();
  const { PGlite } = await import('@electric-sql/pglite');
  const p2 = await PGlite.create({ loadDataDir: blob });
  console.log('load', performance.now() - t); t = performance.now();
  console.log((await p2.query('select count(*) from statuses')).rows);
  const p3 = await d.pglite.clone();
  console.log('clone', performance.now() - t); t = performance.now();
}
console.log(process.memoryUsage().rss / 1e6);
