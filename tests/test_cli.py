"""The native gpac program: help output, a full run on the generated test pattern, and
every kind of bad input giving one clear message and exit status 1 (never a crash or a
hang). Runs the installed executable in a subprocess (fixtures in conftest.py)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict, List, NamedTuple

import pytest

from conftest import CLI_TIMEOUT, GpacRunner

BUILTIN_FILTERS = ["fin", "fout", "inspect", "avgen"]

PID_RE = re.compile(r"^PID (\d+) name: (.*)$")
PROP_RE = re.compile(r"^  (\S+) \((\w+)\): (.*)$")
PCK_RE = re.compile(
    r"^PID (\d+) PCK (\d+) - DTS (\S+) CTS (\S+) dur (\d+) SAP (\d+) size (\d+) framing (\w+)"
)


class Packet(NamedTuple):
    num: int
    dts: int
    cts: int
    dur: int
    sap: int
    size: int


class Report(NamedTuple):
    props: Dict[int, Dict[str, str]]  # PID index -> property name -> value text
    packets: Dict[int, List[Packet]]

    def pid_of_type(self, stream_type: str) -> int:
        found = [i for i, p in self.props.items() if p.get("StreamType") == stream_type]
        assert len(found) == 1, "expected one %s PID in %r" % (stream_type, self.props)
        return found[0]


def parse_inspect(text: str) -> Report:
    """PID properties and packet lines of an inspect:deep report."""
    props: Dict[int, Dict[str, str]] = {}
    packets: Dict[int, List[Packet]] = {}
    current = None
    for line in text.splitlines():
        m = PID_RE.match(line)
        if m:
            current = int(m.group(1))
            props.setdefault(current, {})
            continue
        m = PROP_RE.match(line)
        if m and current is not None:
            props[current][m.group(1)] = m.group(3)
            continue
        m = PCK_RE.match(line)
        if m:
            current = None
            vals = [int(m.group(i)) for i in (2, 3, 4, 5, 6, 7)]
            packets.setdefault(int(m.group(1)), []).append(Packet(*vals))
    return Report(props, packets)


def assert_clean_failure(res: "subprocess.CompletedProcess[str]", *names: str) -> None:
    """Exit 1 (not a signal), one gpac: line naming each of `names`, no crash report."""
    assert res.returncode == 1, (res.returncode, res.stdout[-2000:], res.stderr[-2000:])
    assert "gpac: " in res.stderr, res.stderr
    for name in names:
        assert name in res.stderr, (name, res.stderr)
    for crash in ("AddressSanitizer", "runtime error", "Segmentation", "core dumped"):
        assert crash not in res.stderr


# ---- help ----


def test_no_arguments_prints_usage(run_gpac: GpacRunner) -> None:
    res = run_gpac()
    assert res.returncode == 1
    assert "Usage: gpac" in res.stderr


def test_version(run_gpac: GpacRunner) -> None:
    res = run_gpac("-version")
    assert res.returncode == 0
    assert res.stdout.strip() == "gpac (native) 0.1.0"


@pytest.mark.parametrize("args", [["-h", "filters"], ["-h"]])
def test_help_lists_every_builtin_filter(run_gpac: GpacRunner, args: List[str]) -> None:
    res = run_gpac(*args)
    assert res.returncode == 0, res.stderr
    listed = {line.split()[0] for line in res.stdout.splitlines() if line.startswith("  ")}
    for name in BUILTIN_FILTERS:
        assert name in listed, res.stdout
    if args == ["-h"]:
        assert "Usage: gpac" in res.stdout


def test_help_filter_shows_options_with_types_and_defaults(run_gpac: GpacRunner) -> None:
    res = run_gpac("-h", "avgen")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert out.startswith("avgen: ")
    assert "Example: gpac" in out
    options = {}
    for line in out.splitlines():
        m = re.match(r"^- (\w+) \((\w+)\): (.*)$", line)
        if m:
            options[m.group(1)] = (m.group(2), m.group(3))
    for name in ("type", "dur", "fps", "sizes", "pfmt", "sr", "ch", "freq", "afmt"):
        assert name in options, out
    assert options["dur"][0] == "frac"
    assert "default: 0/1" in options["dur"][1]
    assert "default: 25/1" in options["fps"][1]
    assert options["sizes"][0] == "v2di"
    assert "default: 320x240" in options["sizes"][1]
    assert options["sr"][0] == "uint"
    assert "default: 44100" in options["sr"][1]
    assert "a|v|av" in options["type"][1]


@pytest.mark.parametrize("name", BUILTIN_FILTERS)
def test_help_each_builtin(run_gpac: GpacRunner, name: str) -> None:
    res = run_gpac("-h", name)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(name + ": ")


def test_help_unknown_filter(run_gpac: GpacRunner) -> None:
    assert_clean_failure(run_gpac("-h", "nosuchfilter"), "nosuchfilter")


# ---- runs ----


def test_inspect_deep_prints_every_packet_with_timing(
    run_gpac: GpacRunner, tmp_path: Path
) -> None:
    log = tmp_path / "inspect.txt"
    res = run_gpac("-i", "avgen:dur=2", "inspect:deep:log=%s" % log)
    assert res.returncode == 0, res.stderr
    report = parse_inspect(log.read_text())

    video = report.pid_of_type("Visual")
    vpk = report.packets[video]
    assert len(vpk) == 50  # 2 s at 25 fps
    assert [p.dts for p in vpk] == list(range(50))  # timescale 25 (fps.num)
    assert [p.cts for p in vpk] == list(range(50))
    assert all(p.dur == 1 and p.sap == 1 for p in vpk)
    assert [p.num for p in vpk] == list(range(1, 51))
    assert len({p.size for p in vpk}) == 1 and vpk[0].size == 320 * 240 * 3 // 2

    audio = report.pid_of_type("Audio")
    apk = report.packets[audio]
    # 1024-sample packets covering 2 s at 44100 Hz, the last one possibly shorter
    assert sum(p.dur for p in apk) == 2 * 44100
    assert [p.dts for p in apk] == [i * 1024 for i in range(len(apk))]


def test_inspect_deep_to_stdout(run_gpac: GpacRunner) -> None:
    res = run_gpac("-i", "avgen:dur=2:type=v", "inspect:deep")
    assert res.returncode == 0, res.stderr
    report = parse_inspect(res.stdout)
    assert list(report.packets) == [report.pid_of_type("Visual")]
    assert [p.dts for p in next(iter(report.packets.values()))] == list(range(50))


def test_worker_threads_give_the_same_packets(run_gpac: GpacRunner, tmp_path: Path) -> None:
    reports = []
    for threads in ("0", "2"):
        log = tmp_path / ("t%s.txt" % threads)
        res = run_gpac("-threads=%s" % threads, "-i", "avgen:dur=1",
                       "inspect:deep:log=%s" % log)
        assert res.returncode == 0, res.stderr
        reports.append(parse_inspect(log.read_text()))
    assert reports[0].packets == reports[1].packets


def test_file_copy_through_fin_and_fout(run_gpac: GpacRunner, tmp_path: Path) -> None:
    data = os.urandom(123457)  # several fin blocks, the last one partial
    (tmp_path / "in.bin").write_bytes(data)
    res = run_gpac("-i", "in.bin", "-o", "out.bin")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out.bin").read_bytes() == data


def test_graph_and_stats(run_gpac: GpacRunner) -> None:
    res = run_gpac("-graph", "-stats", "-i", "avgen:dur=1", "inspect:log=null")
    assert res.returncode == 0, res.stderr
    assert "avgen" in res.stderr and "inspect" in res.stderr
    assert "Filter statistics" in res.stderr


def test_logs_option_accepted(run_gpac: GpacRunner) -> None:
    res = run_gpac("-logs=all@error", "-i", "avgen:dur=1", "inspect:log=null")
    assert res.returncode == 0, res.stderr


# ---- failures: one clear line, exit 1 ----


@pytest.mark.parametrize(
    "args,names",
    [
        (["-i", "avgen:dur=1", "nosuchfilter"], ["nosuchfilter"]),
        (["-i", "avgen:dur=1", "inspect:nosuchopt=1"], ["nosuchopt"]),
        (["-i", "avgen:dur=1", "inspect:deep:log=null:mode=nosuchmode"], ["nosuchmode"]),
        (["-i", "avgen:dur=abc", "inspect"], ["abc"]),
        (["-i", "avgen:dur=1:sizes=12", "inspect"], ["sizes"]),
        (["-i", "avgen:dur=1:fps=x/y", "inspect"], ["fps"]),
        (["-i", "missing_input.mp4", "inspect"], ["missing_input.mp4"]),
        (["-logs=nosuchtool@debug", "-i", "avgen:dur=1", "inspect"], ["nosuchtool"]),
        (["-logs=all@loud", "-i", "avgen:dur=1", "inspect"], ["all@loud"]),
        (["-frobnicate", "-i", "avgen:dur=1", "inspect"], ["-frobnicate"]),
        (["-threads=many", "-i", "avgen:dur=1", "inspect"], ["many"]),
        (["-i"], ["-i"]),
        (["-i", "avgen:dur=1", "inspect", "-o"], ["-o"]),
    ],
    ids=[
        "unknown-filter", "unknown-option", "bad-enum", "malformed-frac", "malformed-vec",
        "malformed-fps", "missing-file", "bad-log-tool", "bad-log-level", "unknown-cli-option",
        "bad-threads", "missing-src-url", "missing-dst-url",
    ],
)
def test_bad_input_fails_clearly(run_gpac: GpacRunner, args: List[str], names: List[str]) -> None:
    assert_clean_failure(run_gpac(*args), *names)


def test_unlinkable_output_is_an_error(run_gpac: GpacRunner, tmp_path: Path) -> None:
    # fout takes byte streams only: raw video and audio have no chain to it
    res = run_gpac("-i", "avgen:dur=1", "-o", "out.bin")
    assert_clean_failure(res, "not linked")
    out = tmp_path / "out.bin"
    assert not out.exists() or out.stat().st_size == 0


def test_source_without_sink_is_an_error(run_gpac: GpacRunner) -> None:
    assert_clean_failure(run_gpac("-i", "avgen:dur=1"), "not linked")


def test_ctrl_c_stops_an_endless_session(gpac_exe: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [str(gpac_exe), "-i", "avgen", "inspect:log=null"],  # dur=0: unlimited
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=str(tmp_path), text=True,
    )
    try:
        time.sleep(1.0)
        assert proc.poll() is None, "an unlimited avgen session ended by itself"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=CLI_TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert "interrupted" in err
