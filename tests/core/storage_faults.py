"""Ways a database file goes bad on a user's disk, made real on ours: read-only, a corrupt page."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """`path` cannot be written while inside. Root ignores permission bits, so as root the file is
    made immutable instead (the same EPERM a read-only mount gives)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        try:
            yield
        finally:
            path.chmod(mode)


def corrupt_a_page(database: Path, page: int) -> None:
    """Overwrite one b-tree page (1-based) of a closed database with garbage, header untouched."""
    with sqlite3.connect(database) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        page_count = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    assert 1 < page <= page_count, f"the database has {page_count} pages"
    with open(database, "r+b") as file:
        file.seek((page - 1) * page_size)
        file.write(bytes((index * 37 + 11) % 256 for index in range(page_size)))
