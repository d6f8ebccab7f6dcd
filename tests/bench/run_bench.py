"""Benchmarks of issue 5: the engine and the binding against PyAV and the ffmpeg command
line, on inputs generated here by the ffmpeg command line (cached between runs).

    python3 tests/bench/run_bench.py [--quick] [--out DIR] [--reps N] [--cache DIR]

Writes bench.md (a markdown table) and bench.json (every sample, the medians, the
ratios and the machine) to DIR (default tests/bench/results/). --quick uses tiny inputs
and two repetitions: it checks that the harness runs (tests/test_bench_smoke.py), its
numbers mean nothing.

Every measurement runs in a fresh interpreter (this script with --worker), so PyAV's
bundled FFmpeg libraries never share a process with the engine's, and numpy or av are
never imported by the process that measures `import gpac`. Each item is the median of
--reps repetitions, reported with the ratio against its peer measured in the same run
(peers run in alternation, round by round; a ratio is the median of per-round ratios).
Never run by pytest (setup.cfg: norecursedirs = tests/bench).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent

# (name, size, duration s, fps, bitrate): the long clip has >= 15,000 packets (item 1,
# 3, 5); the decode clip is its first seconds, stream-copied (item 4)
FULL = dict(size="1280x720", dur=600, fps=25, bitrate="400k", dec_dur=30)
QUICK = dict(size="320x180", dur=8, fps=25, bitrate="100k", dec_dur=4)

GPAC_CTYPES_SINK_US = 3.3  # GPAC's ctypes binding, issue 5 item 1


# ---------------------------------------------------------------------------------------
# workers: run in a fresh interpreter, print one JSON object on the last stdout line
# ---------------------------------------------------------------------------------------

def _worker_sink_overhead(args: Dict[str, Any]) -> Dict[str, Any]:
    """Item 1 and 3: ffdmx -> Python sink (get_packet, dts, cts, size, drop_packet)
    against ffdmx -> inspect:log=null, alternated, no decoding."""
    import gpac

    class Sink(gpac.FilterCustom):
        def __init__(self, fs: Any) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYbench")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
            self.push_cap("CodecID", "avc", gpac.GF_CAPS_INPUT)
            self.nb = 0
            self.acc = 0

        def configure_pid(self, pid: Any, is_remove: int) -> int:
            if not is_remove and pid not in self.ipids:
                pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
            return 0

        def process(self) -> int:
            for pid in self.ipids:
                while True:
                    pck = pid.get_packet()
                    if pck is None:
                        break
                    self.acc += pck.dts + pck.cts + pck.size
                    self.nb += 1
                    pid.drop_packet()
            return 0

    def run(native: bool) -> Any:
        fs = gpac.FilterSession()
        src = fs.load_src(args["file"])
        if native:
            dst = fs.load("inspect:log=null")
        else:
            dst = Sink(fs)
        dst.set_source(src)
        t0 = time.perf_counter()
        fs.run()
        dt = time.perf_counter() - t0
        names = [fs.get_filter(i).name for i in range(fs.nb_filters)]
        fs.delete()
        return dt, (dst.nb if not native else None), names

    py: List[float] = []
    nat: List[float] = []
    nb = 0
    names: List[str] = []
    run(True)  # warm-up: page cache, lazy FFmpeg initialisation
    for _ in range(args["reps"]):
        dt, _n, names_n = run(True)
        nat.append(dt)
        dt, nb, names = run(False)
        py.append(dt)
    return dict(py=py, native=nat, packets=nb, filters_py=names, filters_native=names_n)


def _worker_pck_data(args: Dict[str, Any]) -> Dict[str, Any]:
    """Item 2: cost of one `pck.data` call (numpy array over the packet), against a
    plain attribute read (`pck.size`) and an empty loop, on the first packets; the
    array's data pointer against FilterPacket._data_ptr on every packet."""
    import gpac
    import numpy as np

    calls = args["calls"]
    res: Dict[str, Any] = dict(data=[], size=[], empty=[], checked=0, same_ptr=0,
                               is_ndarray=True, read_only=True)

    class Sink(gpac.FilterCustom):
        def __init__(self, fs: Any) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYbench")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
            self.push_cap("CodecID", "avc", gpac.GF_CAPS_INPUT)

        def configure_pid(self, pid: Any, is_remove: int) -> int:
            if not is_remove and pid not in self.ipids:
                pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
            return 0

        def process(self) -> int:
            for pid in self.ipids:
                while True:
                    pck = pid.get_packet()
                    if pck is None:
                        break
                    arr = pck.data
                    res["checked"] += 1
                    res["is_ndarray"] &= isinstance(arr, np.ndarray) and len(arr) == pck.size
                    res["read_only"] &= not arr.flags.writeable
                    if arr.__array_interface__["data"][0] == pck._data_ptr != 0:
                        res["same_ptr"] += 1
                    del arr
                    if len(res["data"]) < args["reps"]:
                        self.time_calls(pck)
                    pid.drop_packet()
            return 0

        def time_calls(self, pck: Any) -> None:
            r = range(calls)
            t0 = time.perf_counter()
            for _ in r:
                pass
            t1 = time.perf_counter()
            for _ in r:
                pck.size
            t2 = time.perf_counter()
            for _ in r:
                pck.data
            t3 = time.perf_counter()
            res["empty"].append((t1 - t0) / calls)
            res["size"].append((t2 - t1) / calls)
            res["data"].append((t3 - t2) / calls)

    fs = gpac.FilterSession()
    src = fs.load_src(args["file"])
    Sink(fs).set_source(src)
    fs.run()
    fs.delete()
    return res


def _worker_decode_gpac(args: Dict[str, Any]) -> Dict[str, Any]:
    """Item 4: src -> ffdec:threads=N -> Python sink asking raw video, reading pck.data
    (a numpy array over the decoded frame) for every frame."""
    import gpac
    import numpy as np

    state: Dict[str, Any] = {}

    class Sink(gpac.FilterCustom):
        def __init__(self, fs: Any) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYbench")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
            self.push_cap("CodecID", "raw", gpac.GF_CAPS_INPUT)
            self.nb = 0
            self.acc = 0

        def configure_pid(self, pid: Any, is_remove: int) -> int:
            if not is_remove and pid not in self.ipids:
                pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
            return 0

        def process(self) -> int:
            for pid in self.ipids:
                while True:
                    pck = pid.get_packet()
                    if pck is None:
                        break
                    frame = pck.data
                    self.acc += int(frame[0])
                    if "proof" not in state:
                        state["proof"] = dict(
                            is_ndarray=isinstance(frame, np.ndarray),
                            nbytes=int(frame.nbytes),
                            same_ptr=frame.__array_interface__["data"][0] == pck._data_ptr)
                    self.nb += 1
                    pid.drop_packet()
            return 0

    def run() -> Any:
        fs = gpac.FilterSession()
        src = fs.load_src(args["file"])
        dec = fs.load("ffdec:threads=%d" % args["threads"])
        sink = Sink(fs)
        dec.set_source(src)
        sink.set_source(dec)
        t0 = time.perf_counter()
        fs.run()
        dt = time.perf_counter() - t0
        fs.delete()
        return dt, sink.nb

    run()  # warm-up
    times: List[float] = []
    frames = 0
    for _ in range(args["reps"]):
        dt, frames = run()
        times.append(dt)
    return dict(times=times, frames=frames, proof=state.get("proof"))


def _worker_decode_av(args: Dict[str, Any]) -> Dict[str, Any]:
    """Item 4, PyAV: thread_type AUTO, the same thread count, to_ndarray() per frame."""
    try:
        import av
    except Exception as e:  # not installed, or a broken wheel
        return dict(unavailable="%s: %s" % (type(e).__name__, e))

    def run() -> Any:
        t0 = time.perf_counter()
        with av.open(args["file"]) as c:
            st = c.streams.video[0]
            st.thread_type = "AUTO"
            st.thread_count = args["threads"]
            nb = 0
            acc = 0
            for frame in c.decode(st):
                arr = frame.to_ndarray()
                acc += int(arr.flat[0])
                nb += 1
        return time.perf_counter() - t0, nb

    run()
    times: List[float] = []
    frames = 0
    for _ in range(args["reps"]):
        dt, frames = run()
        times.append(dt)
    versions = {k: ".".join(map(str, v)) for k, v in av.library_versions.items()}
    return dict(times=times, frames=frames, version=av.__version__, libs=versions)


WORKERS: Dict[str, Callable[[Dict[str, Any]], Dict[str, Any]]] = {
    "sink_overhead": _worker_sink_overhead,
    "pck_data": _worker_pck_data,
    "decode_gpac": _worker_decode_gpac,
    "decode_av": _worker_decode_av,
}

# item 6: run as `python -c`, nothing else imported first
IMPORT_CODE = r"""
import json, sys, time
def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
r0 = rss()
t0 = time.perf_counter()
import %s
dt = time.perf_counter() - t0
print(json.dumps(dict(time=dt, rss_kb=rss() - r0, numpy="numpy" in sys.modules)))
"""


# ---------------------------------------------------------------------------------------
# the driver
# ---------------------------------------------------------------------------------------

def sh(cmd: List[str], **kw: Any) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(cmd, capture_output=True, text=True, check=True,
                          stdin=subprocess.DEVNULL, **kw)


def worker(kind: str, **args: Any) -> Dict[str, Any]:
    env = dict(os.environ)
    # the installed package, not the source tree (which has no compiled _gpac)
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", kind,
                           json.dumps(args)], capture_output=True, text=True,
                          cwd=tempfile.gettempdir(), env=env, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise RuntimeError("worker %s failed:\n%s%s" % (kind, proc.stdout, proc.stderr))
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def wall(cmd: List[str], reps: int) -> List[float]:
    """Wall time of a command line (process start included), after one warm-up run."""
    sh(cmd)
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        sh(cmd)
        out.append(time.perf_counter() - t0)
    return out


def ffmpeg_rtime(cmd: List[str], reps: int) -> Any:
    """ffmpeg with -benchmark: its own rtime (from after option parsing, input opened, to
    the end: no process start), and the wall time of the process."""
    cmd = cmd[:1] + ["-nostdin", "-hide_banner", "-nostats", "-benchmark"] + cmd[1:]
    sh(cmd)
    rt, wl = [], []
    for _ in range(reps):
        t0 = time.perf_counter()
        err = sh(cmd).stderr
        wl.append(time.perf_counter() - t0)
        rt.append(float(err.split("rtime=")[1].split("s")[0]))
    return rt, wl


def gpac_exe() -> str:
    cand = Path(sys.executable).parent / "gpac"
    if cand.is_file() and os.access(cand, os.X_OK):
        return str(cand)
    found = shutil.which("gpac")
    if not found:
        raise SystemExit("run_bench: the native gpac program is not installed")
    return found


def make_inputs(cache: Path, p: Dict[str, Any]) -> Dict[str, Path]:
    """The long clip (testsrc2, H.264 ultrafast, one keyframe every 10 s) and the decode
    clip (its first dec_dur seconds, stream copy); kept in cache, named by their
    parameters."""
    cache.mkdir(parents=True, exist_ok=True)
    tag = "%s_%ds_%dfps_%s" % (p["size"], p["dur"], p["fps"], p["bitrate"])
    long = cache / ("long_%s.mp4" % tag)
    dec = cache / ("dec_%s_%ds.mp4" % (tag, p["dec_dur"]))
    ff = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    if not long.exists():
        print("generating %s (once, cached)..." % long, file=sys.stderr, flush=True)
        tmp = long.with_suffix(".tmp.mp4")
        sh(ff + ["-f", "lavfi", "-i", "testsrc2=size=%s:rate=%d:duration=%d"
                 % (p["size"], p["fps"], p["dur"]),
                 "-c:v", "libx264", "-preset", "ultrafast", "-b:v", p["bitrate"],
                 "-g", str(10 * p["fps"]), "-pix_fmt", "yuv420p", str(tmp)])
        tmp.rename(long)
    if not dec.exists():
        tmp = dec.with_suffix(".tmp.mp4")
        sh(ff + ["-i", str(long), "-t", str(p["dec_dur"]), "-c", "copy", str(tmp)])
        tmp.rename(dec)
    return dict(long=long, dec=dec)


def machine() -> Dict[str, Any]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ff = sh(["ffmpeg", "-version"]).stdout.splitlines()[0]
    return dict(nproc=os.cpu_count(), cpu=cpu, python=platform.python_version(),
                system=platform.platform(), ffmpeg=ff)


def med(xs: List[float]) -> float:
    return float(statistics.median(xs))


def rounds(reps: int, **peers: Callable[[], Any]) -> Dict[str, List[Any]]:
    """Runs every peer once per round, round after round: the host's speed drifts on a
    shared machine (seen here: the same decode from 0.21 to 0.43 s within a minute), and
    interleaving lets each ratio compare samples taken back to back."""
    out: Dict[str, List[Any]] = {k: [] for k in peers}
    for _ in range(reps):
        for k, fn in peers.items():
            out[k].append(fn())
    return out


def ratio_med(a: List[float], b: List[float]) -> float:
    """Median of the per-round ratios a[i] / b[i]."""
    return med([x / y for x, y in zip(a, b)])


def run(opts: argparse.Namespace) -> Dict[str, Any]:
    p = QUICK if opts.quick else FULL
    reps = opts.reps or (2 if opts.quick else 5)
    threads = opts.threads or (os.cpu_count() or 1)
    files = make_inputs(Path(opts.cache), p)
    gp = gpac_exe()
    rows: List[Dict[str, Any]] = []
    raw: Dict[str, Any] = {}

    def row(item: str, what: str, value: Optional[float], unit: str, peer: str,
            peer_value: Optional[float], ratio: Optional[float], target: str,
            met: Optional[bool], note: str = "") -> None:
        rows.append(dict(item=item, what=what, value=value, unit=unit, peer=peer,
                         peer_value=peer_value, ratio=ratio, target=target, met=met,
                         note=note))

    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731

    # 1 + 3: Python sink vs native sink, demux only
    log("1/3: sink overhead")
    # runs of about 50 ms: three times the repetitions, cheaply
    r = worker("sink_overhead", file=str(files["long"]), reps=3 * reps)
    raw["sink_overhead"] = r
    n = r["packets"]
    py_s, nat_s = med(r["py"]), med(r["native"])
    # the two sinks alternate in the worker: median of the per-pair differences
    over = med([p - q for p, q in zip(r["py"], r["native"])]) / n * 1e6
    row("1", "Python sink overhead (get_packet, dts, cts, size, drop_packet), "
        "%d packets" % n, over, "µs/packet", "GPAC ctypes binding (issue 5)",
        GPAC_CTYPES_SINK_US, over / GPAC_CTYPES_SINK_US, "≤ 0.3 µs", over <= 0.3,
        "Python-sink run %.1f ms vs native-sink run %.1f ms: %.2f×"
        % (py_s * 1e3, nat_s * 1e3, py_s / nat_s))

    # 2: pck.data
    log("2: pck.data")
    r = worker("pck_data", file=str(files["long"]), reps=reps,
               calls=20000 if opts.quick else 200000)
    raw["pck_data"] = r
    empty = med(r["empty"])
    data_us = (med(r["data"]) - empty) * 1e6
    size_us = (med(r["size"]) - empty) * 1e6
    proof = r["checked"] > 0 and r["same_ptr"] == r["checked"] and r["is_ndarray"]
    row("2", "`pck.data` (numpy array over the packet), per call", data_us, "µs/call",
        "`pck.size` per call", size_us, data_us / size_us if size_us > 0 else None,
        "≤ 0.2 µs, no copy", data_us <= 0.2 and proof,
        "zero copy: array data pointer == FilterPacket._data_ptr on %d/%d packets, "
        "read-only=%s (loop overhead %.3f µs subtracted)"
        % (r["same_ptr"], r["checked"], r["read_only"], empty * 1e6))

    # 3: engine alone (same runs as 1), vs ffmpeg demux to null on the command line
    nat_us = nat_s / n * 1e6
    rr = rounds(reps, gpac=lambda: wall([gp, "-i", str(files["long"]), "inspect:log=null"], 1)[0],
                ffmpeg=lambda: wall(["ffmpeg", "-nostdin", "-v", "error", "-i",
                                     str(files["long"]), "-map", "0:v", "-c", "copy", "-f",
                                     "null", "-"], 1)[0])
    cli, ffd = rr["gpac"], rr["ffmpeg"]
    raw["demux_cli"] = dict(gpac=cli, ffmpeg=ffd)
    row("3", "engine alone, ffdmx → inspect:log=null (in-process fs.run, setup included)",
        nat_us, "µs/packet", "`ffmpeg -i f -map 0:v -c copy -f null -` per packet",
        med(ffd) / n * 1e6, ratio_med(cli, ffd), "≤ 2 µs", nat_us <= 2.0,
        "ratio: `gpac -i f inspect:log=null` %.1f ms / ffmpeg %.1f ms, both command lines"
        % (med(cli) * 1e3, med(ffd) * 1e3))

    # 4: decode to numpy
    log("4: decode (%d threads)" % threads)
    ffcmd = ["ffmpeg", "-threads", str(threads), "-i", str(files["dec"]), "-f", "null", "-"]
    rr = rounds(reps,
                gpac=lambda: worker("decode_gpac", file=str(files["dec"]), threads=threads,
                                    reps=1),
                pyav=lambda: worker("decode_av", file=str(files["dec"]), threads=threads,
                                    reps=1),
                ffmpeg=lambda: ffmpeg_rtime(ffcmd, 1))
    g = dict(rr["gpac"][0], times=[x["times"][0] for x in rr["gpac"]])
    a = dict(rr["pyav"][0])
    if "unavailable" not in a:
        a["times"] = [x["times"][0] for x in rr["pyav"]]
    f = [x[0][0] for x in rr["ffmpeg"]]
    f_wall = [x[1][0] for x in rr["ffmpeg"]]
    raw["decode"] = dict(gpac=g, pyav=a, ffmpeg_rtime=f, ffmpeg_wall=f_wall)
    frames = g["frames"]
    g_fps = frames / med(g["times"])
    f_fps = frames / med(f)
    g_vs_f = ratio_med(f, g["times"])  # fps ratio = inverse time ratio, per round
    pr = g.get("proof") or {}
    row("4a", "720p H.264 decode → numpy in a Python sink, %d frames, %d threads"
        % (frames, threads) if not opts.quick else "decode → numpy, %d frames" % frames,
        g_fps, "fps", "`ffmpeg -threads %d -i f -f null -`" % threads, f_fps, g_vs_f,
        "≥ 0.98× ffmpeg", g_vs_f >= 0.98,
        "frame array over packet memory: %s; ffmpeg: its -benchmark rtime (process start "
        "excluded; whole process: %.0f fps)" % (pr.get("same_ptr"), frames / med(f_wall)))
    if "unavailable" in a:
        row("4b", "same, against PyAV", g_fps, "fps", "PyAV", None, None, "≥ 1.25× PyAV",
            None, "PyAV unavailable: %s" % a["unavailable"])
    else:
        a_fps = a["frames"] / med(a["times"])
        g_vs_a = ratio_med([t / a["frames"] for t in a["times"]],
                           [t / frames for t in g["times"]])
        row("4b", "same, against PyAV", g_fps, "fps",
            "PyAV %s (thread_type AUTO, to_ndarray())" % a["version"], a_fps, g_vs_a,
            "≥ 1.25× PyAV", g_vs_a >= 1.25,
            "PyAV decodes %d frames with its bundled FFmpeg (libavcodec %s)"
            % (a["frames"], a["libs"].get("libavcodec")))

    # 5: remux to TS
    log("5: remux")
    with tempfile.TemporaryDirectory() as td:
        out_g, out_f = os.path.join(td, "g.ts"), os.path.join(td, "f.ts")
        rr = rounds(reps, gpac=lambda: wall([gp, "-i", str(files["long"]), "-o", out_g], 1)[0],
                    ffmpeg=lambda: wall(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i",
                                         str(files["long"]), "-c", "copy", out_f], 1)[0])
        rg, rf = rr["gpac"], rr["ffmpeg"]
        sizes = (os.path.getsize(out_g), os.path.getsize(out_f))
    raw["remux"] = dict(gpac=rg, ffmpeg=rf, sizes=sizes)
    row("5", "remux %s MP4 → TS, `gpac -i in.mp4 -o out.ts`"
        % ("10-minute 720p" if not opts.quick else "tiny"), med(rg) * 1e3, "ms",
        "`ffmpeg -i in.mp4 -c copy out.ts`", med(rf) * 1e3, ratio_med(rg, rf),
        "≤ 1.0× ffmpeg", ratio_med(rg, rf) <= 1.0,
        "output sizes %d / %d bytes" % sizes)

    # 6: import
    log("6: import")
    imp: Dict[str, Any] = {}
    for mod in ("gpac", "av"):
        samples = []
        for _ in range(reps + 1):
            pr_ = subprocess.run([sys.executable, "-c", IMPORT_CODE % mod],
                                 capture_output=True, text=True, cwd=tempfile.gettempdir(),
                                 stdin=subprocess.DEVNULL)
            if pr_.returncode != 0:
                samples = []
                break
            samples.append(json.loads(pr_.stdout.strip().splitlines()[-1]))
        imp[mod] = samples[1:]  # the first one warms the page cache
    raw["import"] = imp
    gi = imp["gpac"]
    if not gi:
        raise RuntimeError("import gpac failed in a subprocess")
    g_ms = med([s["time"] for s in gi]) * 1e3
    g_rss = med([s["rss_kb"] for s in gi]) / 1024
    numpy_imported = any(s["numpy"] for s in gi)
    if imp["av"]:
        a_ms = med([s["time"] for s in imp["av"]]) * 1e3
        a_rss = med([s["rss_kb"] for s in imp["av"]]) / 1024
        row("6", "`import gpac` (fresh interpreter)", g_ms, "ms", "`import av`", a_ms,
            g_ms / a_ms, "≤ 50 ms, no numpy", g_ms <= 50 and not numpy_imported,
            "RSS +%.1f MiB (av: +%.1f MiB); numpy imported: %s"
            % (g_rss, a_rss, numpy_imported))
    else:
        row("6", "`import gpac` (fresh interpreter)", g_ms, "ms", "`import av`", None, None,
            "≤ 50 ms, no numpy", g_ms <= 50 and not numpy_imported,
            "RSS +%.1f MiB; numpy imported: %s; PyAV unavailable"
            % (g_rss, numpy_imported))

    import gpac as _g  # only now: the import measurement above ran in fresh processes
    info = machine()
    info["gpac"] = _g.version if isinstance(getattr(_g, "version", None), str) else str(
        getattr(_g, "version", "?"))
    return dict(quick=opts.quick, reps=reps, threads=threads, machine=info,
                inputs={k: dict(path=str(v), bytes=v.stat().st_size) for k, v in files.items()},
                params=p, rows=rows, raw=raw)


def fmt(v: Optional[float]) -> str:
    if v is None:
        return "n/a"
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.3g" % v


def markdown(res: Dict[str, Any]) -> str:
    m = res["machine"]
    lines = [
        "# gpac benchmarks%s" % (" (--quick: tiny inputs, numbers meaningless)"
                                 if res["quick"] else ""),
        "",
        "Machine: %s, %d CPUs (nproc); Python %s; %s. Medians of %d repetitions; "
        "decode with %d threads." % (m["cpu"], m["nproc"], m["python"], m["ffmpeg"],
                                     res["reps"], res["threads"]),
        "",
        "| # | measurement | value | peer | peer value | ratio | target | met | notes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in res["rows"]:
        met = {True: "yes", False: "**no**", None: "n/a"}[r["met"]]
        lines.append("| %s | %s | %s %s | %s | %s | %s | %s | %s | %s |" % (
            r["item"], r["what"], fmt(r["value"]), r["unit"], r["peer"],
            fmt(r["peer_value"]), "n/a" if r["ratio"] is None else "%.2f×" % r["ratio"],
            r["target"], met, r["note"]))
    lines.append("")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--worker"]:
        # drop the source tree from sys.path: the installed package has the compiled _gpac
        sys.path[:] = [q for q in sys.path if Path(q or ".").resolve() not in (HERE, REPO_ROOT)]
        print(json.dumps(WORKERS[argv[1]](json.loads(argv[2]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny inputs, 2 repetitions")
    ap.add_argument("--out", default=str(HERE / "results"), help="output directory")
    ap.add_argument("--reps", type=int, default=0, help="repetitions (default 5, quick 2)")
    ap.add_argument("--threads", type=int, default=0, help="decode threads (default nproc)")
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    ap.add_argument("--cache", default=os.path.join(xdg, "gpac-bench"),
                    help="where generated inputs are kept between runs")
    opts = ap.parse_args(argv)
    sys.path[:] = [q for q in sys.path if Path(q or ".").resolve() not in (HERE, REPO_ROOT)]
    res = run(opts)
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    md = markdown(res)
    (out / "bench.md").write_text(md, encoding="utf-8")
    (out / "bench.json").write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    print(md)
    print("wrote %s and %s" % (out / "bench.md", out / "bench.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
