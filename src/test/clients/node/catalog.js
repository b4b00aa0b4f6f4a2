// node-postgres, postgres.js (default settings) and knex against a --pg server (PgClientsIT).
// usage: node catalog.js PORT USER PASSWORD DATABASE; prints one JSON object.
const { Client } = require('pg');
const QueryStream = require('pg-query-stream');
const postgres = require('postgres');
const knexFactory = require('knex');

const [port, user, password, database, arrays = 'arrays'] = process.argv.slice(2);
const settings = { host: '127.0.0.1', port: Number(port), user, password, database };

(async () => {
  const out = {};
  const pg = new Client(settings);
  await pg.connect();
  if (arrays === 'arrays') { // a Calcite model takes no array parameters
    out.pgAny = (await pg.query('SELECT id FROM scores WHERE id = ANY($1) ORDER BY id',
    [[1, 3, 4]])).rows.map((r) => r.id);
    out.pgAnyText = (await pg.query('SELECT id FROM scores WHERE grp = ANY($1) ORDER BY id',
      [['a', 'c']])).rows.map((r) => r.id);
  }
  out.pgLiteral = (await pg.query('SELECT id FROM scores WHERE id IN (1, 3, 4) ORDER BY id'))
    .rows.map((r) => r.id);
  out.pgKl = (await pg.query("SELECT KL_DIVERGENCE(p, q, $1) AS kl FROM scores WHERE grp = 'a'",
    ['1'])).rows[0].kl;
  // rows streamed through a portal two at a time (Execute with a row limit, PortalSuspended)
  out.pgStream = await new Promise((resolve, reject) => {
    const ids = [];
    const stream = pg.query(new QueryStream('SELECT id FROM scores ORDER BY id', [],
      { batchSize: 2 }));
    stream.on('data', (r) => ids.push(r.id));
    stream.on('end', () => resolve(ids));
    stream.on('error', reject);
  });
  await pg.end();

  const sql = postgres(settings); // default settings: fetch_types on, prepared statements on
  out.postgresJs = (await sql`SELECT id, grp FROM scores WHERE id = ${2}`)
    .map((r) => [r.id, r.grp]);
  if (arrays === 'arrays') {
    out.postgresJsAny = (await sql`SELECT id FROM scores WHERE id = ANY(${[1, 3, 4]})
      ORDER BY id`).map((r) => r.id);
  }
  out.postgresJsKl = (await sql`SELECT KL_DIVERGENCE(p, q, ${'1'}) AS kl FROM scores
    WHERE grp = 'a'`)[0].kl;
  await sql.end();

  const knex = knexFactory({ client: 'pg', connection: settings });
  out.knexRows = (await knex('scores').where('grp', 'a').orderBy('id').select('id'))
    .map((r) => r.id);
  out.knexHasTable = await knex.schema.hasTable('scores');
  out.knexHasColumn = await knex.schema.hasColumn('scores', 'p');
  out.knexHasMissing = await knex.schema.hasTable('no_such_table');
  await knex.destroy();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
