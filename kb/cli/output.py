"""Where a command's result goes: the terminal, or a file named with ``-o``.

* The format follows the file's extension when ``--format`` is not given
  (``-o 名单.xlsx`` writes XLSX); an extension that contradicts ``--format``,
  or a format the command cannot write, is refused with a clear message --
  never JSON or text inside a ``.xlsx``.
* A missing folder in ``-o`` is created.  The file is written beside its
  final name and renamed into place, so a failure leaves no half file.
* CSV carries a BOM on the terminal too, so that Excel shows the Chinese.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from kb.errors import OutputError, UsageError

EXTENSIONS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".txt": "text", ".md": "text"}
BOM = "\ufeff"


def output_format(
    chosen: str | None, output: Path | None, allowed: tuple[str, ...], default: str
) -> str:
    """The format to write: ``--format``, else the extension of ``-o``, else ``default``."""
    implied = EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if chosen is not None and implied is not None and implied != chosen:
        raise UsageError(
            f"输出文件 {output} 的扩展名是 {output.suffix if output else ''}，"
            f"与 --format {chosen} 不一致：请改用 .{_extension(chosen)} 结尾的文件名，"
            "或去掉 --format"
        )
    found = chosen or implied or default
    if found not in allowed:
        names = "、".join(f".{_extension(f)}" for f in allowed)
        raise UsageError(
            f"这个命令不能输出 {output.suffix if output else found} 格式：可用 {names}"
        )
    if found == "xlsx" and output is None:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件，例如 -o 表格.xlsx")
    return found


def _extension(format_: str) -> str:
    return "txt" if format_ == "text" else format_


def _prepare(path: Path) -> Path:
    """A temporary name beside ``path``, its folder created."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建目录 {path.parent}（{exc.strerror or exc}）") from exc
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_file(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file, then rename it to ``path``."""
    temporary = _prepare(path)
    try:
        write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"无法写入 {path}（{exc.strerror or exc}）") from exc


def emit(text: str, output: Path | None, format_: str, note: str = "") -> None:
    """Print ``text``, or write it to ``output`` and say so on stderr."""
    if format_ == "csv":
        text = BOM + text
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return

    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8", newline="\n")

    write_file(output, write)
    print(f"已写入 {output}{note}", file=sys.stderr)
