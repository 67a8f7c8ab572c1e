"""Safe reading and writing of the project's tables and files.

Every output goes to a temporary file in the destination folder and is renamed into place,
so an interrupted run never leaves a half-written table behind.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from pathlib import Path
from collections.abc import Iterable, Iterator

import pandas as pd


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class FramingError(Exception):
    """An error about the user's input or settings, shown without a traceback by the CLI."""


@contextlib.contextmanager
def atomic_path(dest: str | os.PathLike, *, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; on success rename it onto ``dest``.

    On an exception the temporary file is removed and ``dest`` is left as it was.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=suffix or ".tmp", dir=dest.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
    try:
        yield tmp_path
        os.replace(tmp_path, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_parquet(df: pd.DataFrame, path: str | os.PathLike, **kwargs) -> Path:
    """Write ``df`` to a Parquet file atomically (index dropped)."""
    kwargs.setdefault("index", False)
    with atomic_path(path, suffix=".parquet.tmp") as tmp:
        df.to_parquet(tmp, **kwargs)
    return Path(path)


def write_csv(df: pd.DataFrame, path: str | os.PathLike, **kwargs) -> Path:
    """Write ``df`` to a CSV file atomically (index dropped unless asked)."""
    kwargs.setdefault("index", False)
    with atomic_path(path, suffix=".csv.tmp") as tmp:
        df.to_csv(tmp, **kwargs)
    return Path(path)


def read_parquet(path: str | os.PathLike, **kwargs) -> pd.DataFrame:
    """Read a Parquet table, turning a missing or corrupt file into a :class:`FramingError`."""
    path = Path(path)
    if not path.exists():
        raise FramingError(f"{path}: no such file")
    try:
        return pd.read_parquet(path, **kwargs)
    except Exception as exc:  # pyarrow raises several unrelated types
        raise FramingError(f"{path}: not a readable Parquet table ({exc})") from exc


def file_sha256(path: str | os.PathLike, *, suffixes: Iterable[str] | None = None) -> str:
    """Hex SHA-256 of a file's bytes, or of a folder.

    A folder (e.g. a partitioned Parquet table, a raw corpus, a package) hashes the sorted
    relative names of its files, each with the SHA-256 of its bytes; hidden files and folders
    (``.name``) and ``__pycache__`` are left out, and so, when ``suffixes`` is given (e.g.
    ``{".py", ".yaml"}``), is every file whose suffix is not in it. The hash of each file is
    cached by (resolved path, size, modification time), so hashing unchanged files again in the
    same process costs one ``stat`` each.
    """
    path = Path(path)
    if not path.is_dir():
        st = path.stat()
        return _file_sha256_cached(str(path.resolve()), st.st_size, st.st_mtime_ns)
    keep = None if suffixes is None else {s.lower() for s in suffixes}
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        rel = p.relative_to(path)
        if (not p.is_file() or any(part.startswith(".") or part == "__pycache__" for part in rel.parts)
                or (keep is not None and p.suffix.lower() not in keep)):
            continue
        h.update(rel.as_posix().encode("utf-8") + b"\0" + file_sha256(p).encode("ascii"))
    return h.hexdigest()


@functools.lru_cache(maxsize=1024)
def _file_sha256_cached(path: str, size: int, mtime_ns: int, *, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            h.update(block)
    return h.hexdigest()
