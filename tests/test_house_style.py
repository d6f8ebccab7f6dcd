"""House-style checklist of STYLE.md, checked as text (in the spirit of msgspec's
test_cpylint.py). A rule that a line must break on purpose takes the escape hatch
`/* house-style: reason */` on that line. Each test reports every offending place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
CSRC = ROOT / "csrc"
ESCAPE = "/* house-style:"

# hard caps in lines (STYLE.md "File-size norms")
CAP_FILTER = 2000
CAP_CORE = 2500
CAP_BINDING = 1500
CAP_HEADER = 1200
CAP_FUNCTION = 200


# ---- scanning helpers ----


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def c_files(*dirs: str, suffixes: Tuple[str, ...] = (".c", ".h")) -> List[Path]:
    found: List[Path] = []
    for d in dirs:
        base = CSRC / d if d else CSRC
        if base.is_dir():
            found.extend(p for p in sorted(base.rglob("*")) if p.suffix in suffixes)
    return found


def strip_c(text: str) -> str:
    """Comments, string and character literals blanked with spaces (newlines kept), so
    offsets and line numbers still match the original text."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
        else:
            i += 1
            continue
        for k in range(i, j):
            if out[k] != "\n":
                out[k] = " "
        i = j
    return "".join(out)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def functions(stripped: str) -> Iterator[Tuple[int, int]]:
    """(first line, last line) of every top-level brace block that follows a ')' - a
    function body - in comment-free C text."""
    depth = 0
    start = 0
    is_func = False
    for i, c in enumerate(stripped):
        if c == "{":
            if depth == 0:
                prev = stripped[:i].rstrip()
                is_func = prev.endswith(")")
                start = i
            depth += 1
        elif c == "}" and depth > 0:
            depth -= 1
            if depth == 0 and is_func:
                yield line_of(stripped, start), line_of(stripped, i)


def function_body(stripped: str, name: str) -> Optional[str]:
    """Body text of the definition of `name` (name at the start of a line), or None."""
    m = re.search(r"^%s\s*\([^;{]*\)\s*\{" % re.escape(name), stripped, re.M)
    if not m:
        return None
    depth = 0
    for i in range(m.end() - 1, len(stripped)):
        if stripped[i] == "{":
            depth += 1
        elif stripped[i] == "}":
            depth -= 1
            if depth == 0:
                return stripped[m.end() - 1 : i + 1]
    return None


def filter_list_names() -> List[str]:
    path = CSRC / "filters" / "filter_list.h"
    if not path.exists():
        return []
    return re.findall(r"^\s*GP_FILTER\((\w+)\)", path.read_text(), re.M)


FILTER_CLASS_RE = re.compile(r"^const\s+GpFilterClass\s+gp_filter_(\w+)\s*=", re.M)
STATIC_FUNC_RE = re.compile(r"^static\s+[\w\s\*]*?\b(\w+)\s*\(", re.M)


def filter_files() -> Dict[Path, List[str]]:
    """Each csrc/filters/*.c except the shared filters.c, with the classes it defines."""
    out: Dict[Path, List[str]] = {}
    for path in c_files("filters", suffixes=(".c",)):
        if path.name != "filters.c":
            out[path] = FILTER_CLASS_RE.findall(strip_c(path.read_text()))
    return out


def kernel_owner(path: Path, files: Dict[Path, List[str]]) -> Optional[str]:
    """For a split-out kernel file `<stem or name>_*.c` without a class: its filter."""
    for other, classes in files.items():
        if other == path or len(classes) != 1:
            continue
        for prefix in (other.stem, classes[0]):
            if path.stem.startswith(prefix + "_"):
                return classes[0]
    return None


# ---- DESIGN.md / STYLE.md rules ----


def test_python_h_only_in_binding() -> None:
    bad = [
        rel(p)
        for p in c_files("")
        if "python" not in p.relative_to(CSRC).parts[:1]
        and re.search(r'^\s*#\s*include\s*[<"]Python\.h[>"]', p.read_text(), re.M)
    ]
    assert not bad, "Python.h included outside csrc/python/: %s" % bad


def test_no_static_type_objects_or_global_pyobjects() -> None:
    bad = []
    for p in c_files("python"):
        s = strip_c(p.read_text())
        for m in re.finditer(r"^(?:static\s+)?PyTypeObject\s+\w+\s*[=;]", s, re.M):
            bad.append("%s:%d static PyTypeObject" % (rel(p), line_of(s, m.start())))
        for m in re.finditer(r"^(?:static\s+)?PyObject\s*\*\s*\w+\s*[=;]", s, re.M):
            bad.append("%s:%d C global holding a PyObject *" % (rel(p), line_of(s, m.start())))
    assert not bad, bad


def test_type_specs_are_immutable() -> None:
    bad = []
    for p in c_files("python"):
        s = strip_c(p.read_text())
        for m in re.finditer(r"PyType_Spec\s+(\w+)\s*=\s*\{(.*?)\};", s, re.S):
            if "Py_TPFLAGS_IMMUTABLETYPE" not in m.group(2):
                bad.append("%s:%d %s" % (rel(p), line_of(s, m.start()), m.group(1)))
    assert not bad, "PyType_Spec without Py_TPFLAGS_IMMUTABLETYPE: %s" % bad


def test_traverse_and_dealloc_recipes() -> None:
    bad = []
    for p in c_files("python", suffixes=(".c",)):
        s = strip_c(p.read_text())
        for slot, needle in (("traverse", "Py_VISIT(Py_TYPE("), ("dealloc", "Py_DECREF(tp)")):
            for name in re.findall(r"\{\s*Py_tp_%s\s*,\s*(?:\([^)]*\)\s*)?(\w+)\s*\}" % slot, s):
                body = function_body(s, name)
                if body is None:
                    bad.append("%s: %s not defined in the same file" % (rel(p), name))
                elif needle not in body.replace(" ", ""):
                    bad.append("%s: %s lacks %s" % (rel(p), name, needle))
    assert not bad, bad


def test_no_unowned_memory_exports() -> None:
    patterns = ("NPY_ARRAY_OWNDATA", "PyMemoryView_FromMemory", "ctypeslib")
    roots = [CSRC, ROOT / "gpac", ROOT / "libgpac", ROOT / "examples", ROOT / "wheels"]
    bad = []
    for base in roots:
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*")):
            if p.suffix not in (".c", ".h", ".py", ".pyi") or not p.is_file():
                continue
            for no, line in enumerate(p.read_text(errors="replace").splitlines(), 1):
                for pat in patterns:
                    if pat in line:
                        bad.append("%s:%d %s" % (rel(p), no, pat))
    assert not bad, bad


def test_pyerr_clear_has_a_reason() -> None:
    bad = []
    for p in c_files("python"):
        for no, line in enumerate(p.read_text().splitlines(), 1):
            if "PyErr_Clear()" in line and ESCAPE not in line:
                bad.append("%s:%d" % (rel(p), no))
    assert not bad, "PyErr_Clear() without /* house-style: reason */: %s" % bad


def test_gilstate_released_before_return() -> None:
    bad = []
    for p in c_files("python", suffixes=(".c",)):
        s = strip_c(p.read_text())
        lines = s.splitlines()
        for first, last in functions(s):
            held = False
            for no in range(first, last + 1):
                line = lines[no - 1]
                if "PyGILState_Ensure" in line:
                    held = True
                if "PyGILState_Release" in line:
                    held = False
                if held and re.search(r"\breturn\b", line):
                    bad.append("%s:%d" % (rel(p), no))
            if held:
                bad.append("%s:%d function ends with the GIL state held" % (rel(p), last))
    assert not bad, "return with PyGILState_Ensure unmatched: %s" % bad


# ---- filters ----


def test_each_filter_file_declares_one_listed_class() -> None:
    listed = filter_list_names()
    files = filter_files()
    bad = []
    defined: Set[str] = set()
    for path, classes in files.items():
        if not classes and kernel_owner(path, files):
            continue
        if len(classes) != 1:
            bad.append("%s defines %d filter classes %s" % (rel(path), len(classes), classes))
        for name in classes:
            defined.add(name)
            if name not in listed:
                bad.append("%s: gp_filter_%s not in filter_list.h" % (rel(path), name))
    for name in listed:
        if name not in defined:
            bad.append("filter_list.h: %s has no csrc/filters/ file" % name)
    assert not bad, bad


def test_no_sentinel_in_args_or_caps_tables() -> None:
    bad = []
    for path in filter_files():
        s = strip_c(path.read_text())
        for m in re.finditer(r"(?:GpArg|GpCap)\s+(\w+)\s*\[\s*\]\s*=\s*\{(.*?)\};", s, re.S):
            if re.search(r"\{\s*(?:0|NULL)\s*\}", m.group(2)):
                bad.append("%s:%d %s" % (rel(path), line_of(s, m.start()), m.group(1)))
    assert not bad, "{0}/{NULL} sentinel in a counted table: %s" % bad


def test_filter_statics_carry_the_filter_name() -> None:
    files = filter_files()
    bad = []
    for path, classes in files.items():
        owner = classes[0] if len(classes) == 1 else kernel_owner(path, files)
        if owner is None:
            continue  # reported by test_each_filter_file_declares_one_listed_class
        prefixes = {owner + "_", path.stem + "_"}
        s = strip_c(path.read_text())
        for m in STATIC_FUNC_RE.finditer(s):
            name = m.group(1)
            if name != owner and not any(name.startswith(x) for x in prefixes):
                bad.append("%s:%d %s" % (rel(path), line_of(s, m.start()), name))
    assert not bad, "static functions not named after their filter: %s" % bad


# ---- sizes and layout ----


def size_cap(path: Path) -> Optional[int]:
    area = path.relative_to(CSRC).parts[0]
    if area == "include":
        return CAP_HEADER
    if path.suffix != ".c":
        return None
    return {"filters": CAP_FILTER, "python": CAP_BINDING}.get(
        area, CAP_CORE if area in ("core", "io", "net", "cli", "ffmpeg") else None
    )


def test_file_size_caps() -> None:
    bad = []
    for p in c_files(""):
        cap = size_cap(p)
        n = len(p.read_text().splitlines())
        if cap is not None and n > cap:
            bad.append("%s: %d lines (cap %d)" % (rel(p), n, cap))
    assert not bad, bad


def test_function_length_cap() -> None:
    bad = []
    for p in c_files("", suffixes=(".c",)):
        s = strip_c(p.read_text())
        for first, last in functions(s):
            if last - first + 1 > CAP_FUNCTION:
                bad.append("%s:%d %d lines" % (rel(p), first, last - first + 1))
    assert not bad, "functions over %d lines: %s" % (CAP_FUNCTION, bad)


def test_no_grab_bag_files() -> None:
    bad = [
        rel(p)
        for p in c_files("")
        if re.match(r"^(util.*|misc)\.[ch]$", p.name)
    ]
    assert not bad, bad


def test_no_c_file_includes_a_c_file() -> None:
    bad = []
    for p in c_files(""):
        for no, line in enumerate(p.read_text().splitlines(), 1):
            if re.match(r'^\s*#\s*include\s*[<"][^">]*\.c[">]', line):
                bad.append("%s:%d" % (rel(p), no))
    assert not bad, bad


# ---- public header documentation ----


def header_declarations(text: str) -> Iterator[Tuple[str, int]]:
    """(name, first line) of each function declared at file scope in a header."""
    s = strip_c(text)
    # blank preprocessor lines (with their continuations) so macros are not declarations
    s = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", lambda m: re.sub(r"[^\n]", " ", m.group()),
               s, flags=re.M)
    depth = 0
    stmt_start = 0
    for i, c in enumerate(s):
        if c in "{(":
            if depth == 0 and c == "{" and s[stmt_start:i].strip().startswith('extern'):
                stmt_start = i + 1  # extern "C" {
                continue
            depth += 1
        elif c in "})":
            depth = max(depth - 1, 0)
            if depth == 0 and c == "}":
                stmt_start = i + 1
        elif c == ";" and depth == 0:
            stmt = s[stmt_start:i]
            first = line_of(s, stmt_start + len(stmt) - len(stmt.lstrip()))
            stmt_start = i + 1
            body = stmt.strip()
            if not body or body.startswith("typedef") or "(" not in body:
                continue
            m = re.match(r"[\w\s\*]*?\b(\w+)\s*\(", body)
            if m:
                yield m.group(1), first


def doc_paragraph(lines: List[str], first: int) -> str:
    """Text above line `first` (1-based) up to the previous blank line: the comment block
    of a declaration or of the group of consecutive declarations it belongs to."""
    out = []
    no = first - 1
    while no >= 1 and lines[no - 1].strip():
        out.append(lines[no - 1])
        no -= 1
    return "\n".join(reversed(out))


def test_public_functions_document_threads() -> None:
    bad = []
    for p in c_files("include", suffixes=(".h",)):
        text = p.read_text()
        lines = text.splitlines()
        for name, first in header_declarations(text):
            comments = re.findall(r"/\*.*?\*/", doc_paragraph(lines, first), re.S)
            if not any("threads:" in c for c in comments):
                bad.append("%s:%d %s" % (rel(p), first, name))
    assert not bad, (
        "public functions without a `threads:` doc comment above them (or above their "
        "group of declarations): %s" % bad
    )


@pytest.mark.parametrize(
    "snippet,names",
    [
        ("/* a. threads: any. */\nint gp_a(void);\nint gp_b(int x);\n", []),
        ("/* a. */\nint gp_a(void);\n", ["gp_a"]),
        ("/* threads: any */\nint gp_a(void);\n\nint gp_b(void);\n", ["gp_b"]),
        ('extern "C" {\ntypedef int (*GpFn)(int);\n/* threads: any */\nGpFn gp_c(void);\n}\n',
         []),
        ("#define GP_X(a) f(a);\nstruct S { int (*cb)(int); };\n", []),
    ],
)
def test_threads_scanner_itself(snippet: str, names: List[str]) -> None:
    lines = snippet.splitlines()
    missing = [
        n
        for n, first in header_declarations(snippet)
        if not any("threads:" in c
                   for c in re.findall(r"/\*.*?\*/", doc_paragraph(lines, first), re.S))
    ]
    assert missing == names
