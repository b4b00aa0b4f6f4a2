// node-postgres (pg) and pg-query-stream against the PostgreSQL-protocol server, as a Node
// application would use them; PgNodeClientIT runs it and checks each printed line.
// Connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
const { Client } = require('pg');
const QueryStream = require('pg-query-stream');

const SEED = '(VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2)) AS t(p, q)';

async function main() {
  const client = new Client();
  await client.connect();
  // a parameter node-postgres sends as text with no declared type (OID 0)
  const smoothed = await client.query(`SELECT KL_DIVERGENCE(p, q, $1) AS kl FROM ${SEED}`, ['1']);
  console.log('smoothed ' + smoothed.rows[0].kl);
  const plain = await client.query(`SELECT KL_DIVERGENCE(p, q) AS kl FROM ${SEED}`);
  console.log('plain ' + plain.rows[0].kl);
  try {
    await client.query(`SELECT KL_DIVERGENCE(p, $1) FROM ${SEED}`, ['-1']);
    console.log('error none');
  } catch (e) {
    console.log('error ' + e.code + ' ' + e.message);
  }
  // rows streamed through a portal, 3 at a time
  const stream = client.query(new QueryStream(
    'SELECT p, q FROM (VALUES (1, 2), (3, 4), (5, 6), (7, 8), (9, 10)) AS t(p, q)', [],
    { batchSize: 3 }));
  let sum = 0;
  for await (const row of stream) {
    sum += Number(row.p) + Number(row.q);
  }
  console.log('stream ' + sum);
  await client.end();
}

main().catch((e) => {
  console.log('failed ' + e.message);
  process.exit(1);
});
