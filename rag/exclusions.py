"""Documents an administrator has switched off without deleting their files.

The shared regulations and the built-in plan are read-only files, yet a
regulation gets repealed or replaced by a revised text (uploaded under a new
name), and the old one must stop answering questions. Such files are listed in
``<index_dir>/excluded.json`` by resolved path; ``rag build`` skips them and
reports them as removed. Switching one back on is removing it from the list.
The list lives beside the index generations, so rebuilds keep it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

FILE = "excluded.json"


@dataclass
class Excluded:
    """One switched-off file: its path, the short name it had, and when."""

    path: str
    short: str = ""
    at: str = ""


def _key(path: str | Path) -> str:
    return str(Path(path).expanduser().resolve())


class Exclusions:
    """The list in ``index_dir``; read on construction, written atomically on change."""

    def __init__(self, index_dir: Path) -> None:
        self.file = Path(index_dir) / FILE
        self.items: dict[str, Excluded] = {}
        self.warning = ""
        if self.file.exists():
            try:
                raw = json.loads(self.file.read_text(encoding="utf-8"))
                self.items = {_key(e["path"]): Excluded(**e) for e in raw}
            except (OSError, ValueError, TypeError, KeyError) as exc:
                # An unreadable list must not silently switch documents back on: say so.
                self.warning = f"{self.file}：停用列表无法读取（{type(exc).__name__}），本次未停用任何文件；请检查或删除该文件"

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str | Path) and _key(path) in self.items

    def __len__(self) -> int:
        return len(self.items)

    def get(self, path: str | Path) -> Excluded | None:
        """The entry of a switched-off file, matched the way ``in`` matches it."""
        return self.items.get(_key(path))

    def add(self, path: str | Path, short: str = "") -> None:
        self.items[_key(path)] = Excluded(_key(path), short, datetime.now().isoformat(timespec="seconds"))
        self._save()

    def remove(self, path: str | Path) -> bool:
        """Switch a file back on; False when it was not switched off."""
        found = self.items.pop(_key(path), None) is not None
        if found:
            self._save()
        return found

    def _save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{FILE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps([asdict(e) for e in self.items.values()], ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.file)
