"""The local store: sqlmodel tables on SQLite (WAL), repositories, migrations, change notices.

All SQLite work runs on one dedicated database thread owned by ``Database``; repositories expose
async methods that hop onto it. Nothing here imports Qt.
"""
