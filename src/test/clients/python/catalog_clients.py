"""PostgreSQL clients reading the catalog of a --pg server (PgClientsIT).

usage: catalog_clients.py PORT USER PASSWORD DATABASE [arrays|no-arrays]
Prints one JSON object: what SQLAlchemy's inspector, pandas, psycopg 3 and psqlODBC (through
pyodbc) read, for the test's tables scores and grades. Debian's packages: python3-sqlalchemy,
python3-pandas, python3-psycopg2, python3-psycopg, python3-pyodbc, odbc-postgresql.
"""
import json
import sys

import pandas
import psycopg
import pyodbc
import sqlalchemy

port, user, password, database = sys.argv[1:5]
arrays = len(sys.argv) < 6 or sys.argv[5] == "arrays"  # a Calcite model: no array parameters
out = {"versions": {"sqlalchemy": sqlalchemy.__version__, "pandas": pandas.__version__,
                    "psycopg": psycopg.__version__, "pyodbc": pyodbc.version}}

engine = sqlalchemy.create_engine(
    f"postgresql+psycopg2://{user}:{password}@127.0.0.1:{port}/{database}")
inspector = sqlalchemy.inspect(engine)
out["table_names"] = sorted(inspector.get_table_names())
out["view_names"] = sorted(inspector.get_view_names())
out["columns"] = {t: [[c["name"], str(c["type"]), c["nullable"]] for c in inspector.get_columns(t)]
                  for t in ("scores", "grades")}
out["pk"] = {t: inspector.get_pk_constraint(t)["constrained_columns"] for t in ("scores", "grades")}
out["fks"] = [[fk["constrained_columns"], fk["referred_table"], fk["referred_columns"]]
              for fk in inspector.get_foreign_keys("grades")]
out["indexes"] = sorted(i["name"] for i in inspector.get_indexes("grades"))
out["comment"] = inspector.get_table_comment("scores")["text"]
with engine.connect() as c:
    frame = pandas.read_sql_table("scores", c)
out["pandas"] = [[int(r.id), r.grp] for r in frame.itertuples()]

with psycopg.connect(host="127.0.0.1", port=port, user=user, password=password,
                     dbname=database) as c3:
    if arrays:
        out["any"] = c3.execute("SELECT id FROM scores WHERE id = ANY(%s) ORDER BY id",
                                ([1, 3, 4],)).fetchall()
        out["any_text"] = c3.execute("SELECT id FROM scores WHERE grp = ANY(%s) ORDER BY id",
                                     (["a", "c"],)).fetchall()
    out["literal"] = c3.execute("SELECT id FROM scores WHERE id IN (1, 3, 4) ORDER BY id").fetchall()

odbc = pyodbc.connect(
    "DRIVER=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so;SERVER=127.0.0.1;"
    f"PORT={port};DATABASE={database};UID={user};PWD={password}", autocommit=True)
cur = odbc.cursor()
out["odbc_tables"] = sorted(r.table_name for r in cur.tables(tableType="TABLE"))
out["odbc_columns"] = [[r.column_name, r.type_name] for r in cur.columns(table="scores")]
out["odbc_pk"] = [r.column_name for r in cur.primaryKeys("scores")]
# pyodbc's foreignKeys(table=...) names the referenced table; foreignTable= the referencing one
out["odbc_fks"] = [[r.fktable_name, r.fkcolumn_name, r.pktable_name, r.pkcolumn_name]
                   for r in cur.foreignKeys(foreignTable="grades")]
out["odbc_statistics"] = sorted(r.index_name for r in cur.statistics("scores") if r.index_name)
out["odbc_bound"] = [list(r) for r in cur.execute(
    "SELECT id, grp FROM scores WHERE id > ? AND p < ? ORDER BY id", 1, 0.45).fetchall()]
out["odbc_kl"] = cur.execute("SELECT KL_DIVERGENCE(p, q, ?) FROM scores WHERE grp = 'a'",
                             "1").fetchone()[0]
print(json.dumps(out))
