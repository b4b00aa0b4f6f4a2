"""Python's PostgreSQL clients against `--pg` (PgServerIT runs this with Debian's python3).

Usage: pg_clients.py PORT PASSWORD. Prints one line per client, "name value", or
"name ERROR message"; PgServerIT checks the values. Every KL has alpha bound as a parameter.
"""
import sys
import traceback

PORT, PASSWORD = int(sys.argv[1]), sys.argv[2]
DSN = dict(host="127.0.0.1", port=PORT, user="divergence", password=PASSWORD, dbname="divergence")
BANNER = ("SELECT KL_DIVERGENCE_BY(band, CASE WHEN arm = 'B' THEN n END, "
          "CASE WHEN arm = 'A' THEN n END, %s) FROM results WHERE experiment = 'banner'")


def psycopg2_query():
    import psycopg2
    with psycopg2.connect(**DSN) as c, c.cursor() as cur:
        cur.execute(BANNER, (1.0,))  # psycopg2 binds on the client side
        return cur.fetchone()[0]


def psycopg3_query():
    import psycopg
    with psycopg.connect(**DSN) as c:
        # psycopg 3 binds on the server: Parse with $1, Bind, Execute
        return c.execute(BANNER, (1.0,), prepare=True).fetchone()[0]


def sqlalchemy_pandas():
    import pandas
    import sqlalchemy
    engine = sqlalchemy.create_engine(
        "postgresql+psycopg2://divergence:%s@127.0.0.1:%d/divergence" % (PASSWORD, PORT))
    frame = pandas.read_sql(sqlalchemy.text(
        "SELECT experiment, PSI_BY(band, CASE WHEN arm = 'A' THEN n END, "
        "CASE WHEN arm = 'B' THEN n END, :alpha) AS psi FROM results "
        "GROUP BY experiment ORDER BY experiment"), engine, params={"alpha": 1.0})
    engine.dispose()
    return ",".join("%s=%r" % (e, v) for e, v in zip(frame["experiment"], frame["psi"]))


for name, client in [("psycopg2", psycopg2_query), ("psycopg3", psycopg3_query),
                     ("sqlalchemy_pandas", sqlalchemy_pandas)]:
    try:
        print(name, client(), flush=True)
    except Exception:
        print(name, "ERROR", traceback.format_exc().replace("\n", " | "), flush=True)
