"""pgcli's completion refresh against a --pg server (PgClientsIT): the queries its refresher
runs by default (pgcli/completion_refresher.py: schemata, tables and their columns and foreign
keys, views, types, databases, functions), then what the completer offers after "SELECT * FROM ".
usage: pgcli_completion.py PORT USER PASSWORD DATABASE
"""
import sys

from pgcli.completion_refresher import CompletionRefresher
from pgcli.pgexecute import PGExecute
from pgspecial.main import PGSpecial
from prompt_toolkit.document import Document

port, user, password, database = sys.argv[1:5]
executor = PGExecute(database, user, password, "127.0.0.1", port, "")
refresher = CompletionRefresher()
done = []
refresher._bg_refresh(executor, PGSpecial(), [done.append], settings={"single_connection": True})
completer = done[0]  # the refresh ran to the end (an exception in any query stops it)
for text in ("SELECT * FROM ", "SELECT  FROM scores", "SELECT * FROM grades JOIN "):
    position = len("SELECT ") if text == "SELECT  FROM scores" else len(text)
    found = completer.get_completions(Document(text=text, cursor_position=position), None)
    print(text.strip() + " -> " + ",".join(sorted({" ".join(c.text.split()) for c in found})))
print("foreignkeys " + ",".join(sorted(
    f"{fk.childtable}.{fk.childcolumn}->{fk.parenttable}.{fk.parentcolumn}"
    for fk in executor.foreignkeys())))
