"""GPACError and its subclasses by error family (py_errors.c): the class tree, the
attributes set on raised instances, the message format, and the code -> class mapping
checked through the private hook gpac._gpac._raise_error (py_err_set)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Type

import pytest

import gpac
import gpac._gpac as G

SUBCLASSES = [
    "FilterNotFoundError",
    "URLError",
    "NotSupportedError",
    "BadParamError",
    "GPACIOError",
    "CorruptedDataError",
    "NetworkError",
]

# code -> class name (the rest map to GPACError itself)
FAMILY: Dict[int, str] = {
    -11: "FilterNotFoundError",
    -12: "URLError",
    -16: "URLError",
    -4: "NotSupportedError",
    -54: "NotSupportedError",
    -57: "NotSupportedError",
    -1: "BadParamError",
    -52: "BadParamError",
    -3: "GPACIOError",
    -5: "CorruptedDataError",
    -10: "CorruptedDataError",
    -20: "CorruptedDataError",
    -21: "CorruptedDataError",
    -22: "CorruptedDataError",
    -23: "CorruptedDataError",
    -24: "CorruptedDataError",
    -13: "NetworkError",
    -14: "NetworkError",
    -40: "NetworkError",
    -41: "NetworkError",
    -42: "NetworkError",
    -43: "NetworkError",
    -44: "NetworkError",
    -46: "NetworkError",
    -50: "NetworkError",
}

# every code of API.md 1.4.8 with its symbolic name
ALL_CODES = {
    3: "SCRIPT_INFO", 2: "PENDING_PACKET", 1: "EOS", 0: "OK", -1: "BAD_PARAM",
    -2: "OUT_OF_MEM", -3: "IO_ERR", -4: "NOT_SUPPORTED", -5: "CORRUPTED_DATA",
    -6: "SG_UNKNOWN_NODE", -7: "SG_INVALID_PROTO", -8: "SCRIPT_ERROR",
    -9: "BUFFER_TOO_SMALL", -10: "NON_COMPLIANT_BITSTREAM", -11: "FILTER_NOT_FOUND",
    -12: "URL_ERROR", -13: "SERVICE_ERROR", -14: "REMOTE_SERVICE_ERROR",
    -15: "STREAM_NOT_FOUND", -16: "URL_REMOVED", -20: "ISOM_INVALID_FILE",
    -21: "ISOM_INCOMPLETE_FILE", -22: "ISOM_INVALID_MEDIA", -23: "ISOM_INVALID_MODE",
    -24: "ISOM_UNKNOWN_DATA_REF", -30: "ODF_INVALID_DESCRIPTOR",
    -31: "ODF_FORBIDDEN_DESCRIPTOR", -32: "ODF_INVALID_COMMAND",
    -33: "BIFS_UNKNOWN_VERSION", -40: "IP_ADDRESS_NOT_FOUND",
    -41: "IP_CONNECTION_FAILURE", -42: "IP_NETWORK_FAILURE", -43: "IP_CONNECTION_CLOSED",
    -44: "IP_NETWORK_EMPTY", -46: "IP_UDP_TIMEOUT", -50: "AUTHENTICATION_FAILURE",
    -51: "NOT_READY", -52: "INVALID_CONFIGURATION", -53: "NOT_FOUND",
    -54: "PROFILE_NOT_SUPPORTED", -56: "REQUIRES_NEW_INSTANCE",
    -57: "FILTER_NOT_SUPPORTED", -58: "IO_BYTE_RANGE_NOT_SUPPORTED",
}


def raised(code: int, *args: object) -> gpac.GPACError:
    with pytest.raises(gpac.GPACError) as info:
        G._raise_error(code, *args)
    return info.value


# ---- classes ----


def test_gpacerror_class() -> None:
    assert issubclass(gpac.GPACError, Exception)
    assert gpac.GPACError.__module__ == "gpac"
    assert gpac.GPACError.__doc__
    for attr in ("code", "name", "url", "reason"):
        assert getattr(gpac.GPACError, attr) is None


@pytest.mark.parametrize("name", SUBCLASSES)
def test_subclasses_exported(name: str) -> None:
    cls = getattr(gpac, name)
    assert cls is getattr(G, name)
    assert issubclass(cls, gpac.GPACError)
    assert cls.__module__ == "gpac"
    assert cls.__name__ == name
    assert cls.__doc__
    assert name in dir(gpac)
    e = cls("msg")
    assert str(e) == "msg"
    assert e.code is None and e.url is None


def test_bad_param_is_also_value_error() -> None:
    assert issubclass(gpac.BadParamError, ValueError)
    others = [n for n in SUBCLASSES if n != "BadParamError"]
    for name in others:
        assert not issubclass(getattr(gpac, name), ValueError), name
    with pytest.raises(ValueError):
        G._raise_error(-1, "x")


def test_no_builtin_shadowing() -> None:
    # IOError is a builtin name: the I/O family is GPACIOError
    assert not hasattr(G, "IOError")
    assert gpac.GPACIOError is not IOError


def test_user_instances_are_independent() -> None:
    e = gpac.GPACError("boom")
    e.code = -12
    assert gpac.GPACError("other").code is None
    assert gpac.GPACError.code is None


def test_user_subclass() -> None:
    class Mine(gpac.URLError):
        pass

    with pytest.raises(gpac.GPACError):
        raise Mine("x")


# ---- py_err_set ----


@pytest.mark.parametrize("code,name", sorted(ALL_CODES.items()))
def test_code_to_class(code: int, name: str) -> None:
    e = raised(code, "doing")
    expected: Type[BaseException] = getattr(gpac, FAMILY.get(code, "GPACError"))
    assert type(e) is expected
    assert e.code == code
    assert e.name == name
    assert str(e) == "doing: " + gpac.e2s(code)
    assert e.url is None and e.reason is None


def test_unknown_code() -> None:
    e = raised(-1000, "x")
    assert type(e) is gpac.GPACError
    assert e.code == -1000
    assert e.name is None
    assert str(e) == "x: Unknown Error (-1000)"


def test_message_with_reason_and_url() -> None:
    e = raised(gpac.GF_URL_ERROR, "cannot open input", "file:///no/such.mp4", "no such file")
    assert isinstance(e, gpac.URLError)
    assert str(e) == (
        "cannot open input: Requested URL is not valid or cannot be found (no such file)"
    )
    assert e.url == "file:///no/such.mp4"
    assert e.reason == "no such file"
    assert e.code == -12 and e.name == "URL_ERROR"
    assert e.args == (str(e),)


def test_message_without_what() -> None:
    assert str(raised(-12)) == gpac.e2s(-12)
    assert str(raised(-12, None, None, "why")) == gpac.e2s(-12) + " (why)"
    assert str(raised(-12, "", "", "")) == gpac.e2s(-12)


def test_empty_url_and_reason_are_none() -> None:
    e = raised(-1, "w", "", "")
    assert e.url is None and e.reason is None


def test_non_ascii_text() -> None:
    e = raised(-3, "écrire", "/tmp/été.mp4", "disque plein ✓")
    assert str(e) == "écrire: I/O Error (disque plein ✓)"
    assert e.url == "/tmp/été.mp4"


def test_exception_is_catchable_by_family() -> None:
    caught: List[str] = []
    for code in (-11, -12, -4, -1, -3, -5, -13, -2):
        try:
            G._raise_error(code, "x")
        except gpac.NetworkError:
            caught.append("net")
        except gpac.URLError:
            caught.append("url")
        except gpac.GPACError as e:
            caught.append(type(e).__name__)
    assert caught == [
        "FilterNotFoundError", "url", "NotSupportedError", "BadParamError", "GPACIOError",
        "CorruptedDataError", "net", "GPACError",
    ]


def test_traceback_and_pickle() -> None:
    e = raised(-12, "open")
    assert e.__traceback__ is not None
    # the class is importable by its module name: pickling keeps type and message
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is gpac.URLError and str(e2) == str(e)
    assert e2.code == -12 and e2.name == "URL_ERROR"


def test_hook_bad_arguments() -> None:
    with pytest.raises(TypeError):
        G._raise_error()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        G._raise_error("-12")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        G._raise_error(1 << 40)
    with pytest.raises(TypeError):
        G._raise_error(-12, 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        G._raise_error(-12, "a", b"url")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        G._raise_error(-12, "a", None, None, None)  # type: ignore[call-arg]


def test_reimport_gives_new_classes(tmp_path: Path) -> None:

    code = (
        "import sys, gpac._gpac as a; del sys.modules['gpac._gpac']; "
        "import importlib; b = importlib.import_module('gpac._gpac'); "
        "assert a.URLError is not b.URLError\n"
        "try:\n b._raise_error(-12, 'x')\n"
        "except b.URLError as e:\n print(type(e).__name__, e.code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "URLError -12"
