#!/usr/bin/env python3
"""Writes the chart goldens: one file per module, from Netdata 1.37.1's chart tables.

Reads src/test/resources/netdata/charts-1.37.1.md (Netdata's tables, facts only) and applies
src/test/resources/netdata/deviations.tsv (where ebpfmon deliberately differs, and why), then writes
src/test/resources/golden/charts/<module>.txt. The goldens are never recorded from ebpfmon's output.

    python3 tools/charts/golden.py            # rewrite the goldens
    python3 tools/charts/golden.py --check    # exit 1 and show a diff when they are out of date
    python3 tools/charts/golden.py --out DIR  # write them somewhere else

Standard library only.
"""

import argparse
import difflib
import fnmatch
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "src/test/resources/netdata/charts-1.37.1.md"
DEVIATIONS = ROOT / "src/test/resources/netdata/deviations.tsv"
GOLDENS = ROOT / "src/test/resources/golden/charts"

ALGORITHMS = {"abs": "absolute", "inc": "incremental", "absolute": "absolute", "incremental": "incremental"}
CHART_TYPES = {"line", "area", "stacked", "heatmap"}
# run-time keys whose reference spelling is not one token
PLACEHOLDERS = {"<irq action name>": "<irq>"}
EMPTY_CONTEXT = " *(empty→default)*"
HISTOGRAM = re.compile(r"^24 log2 latency bins `0us->1us` … `4s->\+Inf` \(id=name, incremental\)$")
DIMENSION = re.compile(r"^`(?P<id>[^`]+)`(?:→(?P<name>\S+))? (?P<alg>abs|inc)(?: ×(?P<mul>-?\d+)/(?P<div>\d+))?$")
FS_WHEN = re.compile(r"^only when a (?P<fs>\w+) filesystem is mounted \(/proc/self/mountinfo\) and "
                     r"`(?P=fs)dist = yes` in filesystem.conf$")
WHEN = {
    "always": "always",
    "only when `ebpf load mode = return` (em->mode < MODE_ENTRY)": "return",
    "only with `network connections = yes` in [ebpf programs] (ebpf.d.conf) / network.conf": "network-connections",
    "unless NETDATA_INTERNALS_MONITORING=NO": "internals",
    "one chart per block device seen in block_rq_complete; <disk> is the device name from /proc/partitions "
    "(e.g. sda, nvme0n1)": "always",
}
SYNC_WHEN = ("chart exists when at least one of its syscalls is enabled in sync.conf [syscalls]; "
             "a disabled syscall drops its dimension")
KIND_WHEN = {"host": None, "network viewer": None, "apps": "apps", "cgroup": "cgroups", "services": "services"}
KIND_DIMENSION = {"apps": "<app>", "services": "<service>"}
CHART_FIELDS = ("title", "units", "family", "context", "type", "priority", "when")
DIMENSION_FIELDS = ("name", "algorithm", "multiplier", "divisor", "when")


class DataError(Exception):
    def __init__(self, path, line, message):
        super().__init__(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}: {message}")


@dataclass
class Dimension:
    id: str
    name: str
    algorithm: str
    multiplier: int = 1
    divisor: int = 1
    when: str = ""

    def line(self):
        when = f" when={self.when}" if self.when else ""
        return f"DIMENSION {self.id} name={self.name} {self.algorithm} {self.multiplier} {self.divisor}{when}"


@dataclass
class Chart:
    type: str
    id: str
    title: str
    units: str
    family: str
    context: str
    chart_type: str
    priority: int
    when: str
    dimensions: list
    notes: list = field(default_factory=list)

    @property
    def full_id(self):
        return f"{self.type}.{self.id}"

    def get(self, what):
        return str(self.chart_type if what == "type" else getattr(self, what))

    def set(self, what, value):
        if what == "type":
            self.chart_type = value
        elif what == "priority":
            self.priority = int(value)
        else:
            setattr(self, what, value)

    def lines(self):
        out = [f"# ebpfmon differs: {note}" for note in self.notes]
        fields = [f"{k}='{quoted(v)}'" for k, v in
                  (("title", self.title), ("units", self.units), ("family", self.family), ("context", self.context))]
        out.append(f"CHART {self.full_id} {' '.join(fields)} type={self.chart_type} priority={self.priority} "
                   f"when={self.when}")
        out.extend(d.line() for d in self.dimensions)
        return out


def quoted(value):
    if "'" in value:
        raise ValueError(f"a golden value cannot hold a single quote: {value}")
    return value


def cells_of(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def unquote(cell):
    return cell[1:-1] if cell.startswith("`") and cell.endswith("`") else cell


def join_when(*conditions):
    parts = [c for c in conditions if c and c != "always"]
    return "+".join(parts) if parts else "always"


class Tables:
    """Netdata's tables: the histogram bins, the filesystem priority rule and every module's charts."""

    def __init__(self, path):
        self.path = path
        self.bins = []
        self.settings = {}
        self.modules = {}
        self._read(path.read_text(encoding="utf-8").split("\n"))

    def _read(self, lines):
        section, kind, header = None, None, None
        for number, text in enumerate(lines, 1):
            if text.startswith("## "):
                section, kind, header = text[3:].strip(), None, None
                if section.startswith("module "):
                    self.modules.setdefault(section[7:], [])
                continue
            if text.startswith("### "):
                kind = text[4:].strip().removesuffix(" charts")
                if kind not in KIND_WHEN:
                    raise DataError(self.path, number, f"unknown table kind '{kind}'")
                header = None
                continue
            if not text.startswith("|"):
                header = None
                continue
            cells = cells_of(text)
            if header is None:
                header = cells
                continue
            if set(text.replace("|", "")) <= set("-: "):
                continue
            try:
                self._row(section, kind, header, cells, number)
            except (ValueError, KeyError) as e:
                raise DataError(self.path, number, str(e)) from None
        if len(self.bins) != 24:
            raise DataError(self.path, 0, f"expected 24 histogram bins, found {len(self.bins)}")

    def _row(self, section, kind, header, cells, number):
        if section == "Latency histogram bins (disk and filesystem charts)":
            self.bins.append(unquote(cells[1]))
        elif section == "Priorities of the filesystem charts":
            self.settings[cells[0]] = cells[1]
        elif section and section.startswith("module ") and header[0].startswith("chart"):
            if len(cells) != 9:
                raise ValueError(f"expected 9 cells, found {len(cells)}")
            if kind is None:
                raise ValueError("a chart table needs a '### <kind> charts' heading")
            self.modules[section[7:]].append(self._chart(kind, cells))

    def _chart(self, kind, cells):
        chart_cell, title, units, family, context, chart_type, prio, dims, when = cells
        full_id = unquote(chart_cell)
        type_, _, id_ = full_id.partition(".")
        if not id_:
            raise ValueError(f"chart '{full_id}' is not type.id")
        context = unquote(context)
        if context.endswith(EMPTY_CONTEXT):
            written = context.removesuffix(EMPTY_CONTEXT)
            if written != full_id:
                raise ValueError(f"empty context of {full_id} defaults to {full_id}, the table says {written}")
            context = full_id
        if chart_type not in CHART_TYPES:
            raise ValueError(f"unknown chart type '{chart_type}'")
        priority = -1 if prio == "see note" else int(prio)
        dimensions = self._dimensions(kind, dims)
        chart_when = self._when(when, dimensions)
        return Chart(type_, id_, title, units, family, context, chart_type, priority,
                     join_when(KIND_WHEN[kind], chart_when), dimensions)

    def _dimensions(self, kind, cell):
        if kind in KIND_DIMENSION:
            placeholder = KIND_DIMENSION[kind]
            return [Dimension(placeholder, placeholder, ALGORITHMS[cell])]
        if HISTOGRAM.match(cell):
            return [Dimension(b, b, "incremental") for b in self.bins]
        dimensions = []
        for part in cell.split("; "):
            m = DIMENSION.match(part)
            if not m:
                raise ValueError(f"cannot read dimension '{part}'")
            id_ = PLACEHOLDERS.get(m["id"], m["id"])
            dimensions.append(Dimension(id_, m["name"] or id_, ALGORITHMS[m["alg"]],
                                        int(m["mul"] or 1), int(m["div"] or 1)))
        return dimensions

    @staticmethod
    def _when(cell, dimensions):
        if cell in WHEN:
            return WHEN[cell]
        m = FS_WHEN.match(cell)
        if m:
            return "fs:" + m["fs"]
        if cell == SYNC_WHEN:
            for d in dimensions:
                d.when = "syscall:" + d.id
            return "|".join(d.when for d in dimensions)
        raise ValueError(f"unknown condition '{cell}'")

    def number_filesystem_charts(self):
        """Netdata numbers the charts of the mounted filesystems in order; the goldens mount them all."""
        base = int(self.settings["base priority"])
        order = [fs.strip() for fs in self.settings["filesystem order"].split(",")]
        charts = self.modules["filesystem"]
        numbered = [c for fs in order for c in charts if c.when == "fs:" + fs]
        if len(numbered) != len(charts) or any(c.priority != -1 for c in charts):
            raise DataError(self.path, 0, "every filesystem chart must have priority 'see note' and a known fs")
        for n, chart in enumerate(numbered):
            chart.priority = base + n


@dataclass
class Deviation:
    line: int
    module: str
    chart: str
    what: str
    netdata: str
    ebpfmon: str
    why: str

    def note(self):
        return f"{self.what}: Netdata {self.netdata or '-'}, ebpfmon {self.ebpfmon or '-'} ({self.why})"


def read_deviations(path):
    deviations = []
    lines = path.read_text(encoding="utf-8").split("\n")
    header = None
    for number, text in enumerate(lines, 1):
        if not text.strip() or text.startswith("#"):
            continue
        cells = text.split("\t")
        if header is None:
            header = cells
            if header != ["module", "chart", "what", "netdata", "ebpfmon", "why"]:
                raise DataError(path, number, "header must be: module chart what netdata ebpfmon why (tabs)")
            continue
        if len(cells) != 6 or not all(c.strip() for c in (cells[0], cells[1], cells[2], cells[5])):
            raise DataError(path, number, "expected 6 tab-separated cells, module, chart, what and why not empty")
        deviations.append(Deviation(number, *[c.strip() for c in cells]))
    return deviations


def apply(deviation, modules, path):
    """Applies one row; the row's Netdata value must be what the tables say, so the two cannot drift apart."""
    def fail(message):
        raise DataError(path, deviation.line, f"{deviation.module} {deviation.chart} {deviation.what}: {message}")

    if deviation.module not in modules:
        fail(f"unknown module '{deviation.module}'")
    charts = modules[deviation.module]
    words = deviation.what.split()
    if words == ["chart+"]:
        if any(c.full_id == deviation.chart for c in charts) or deviation.netdata != "-":
            fail("chart+ adds a chart Netdata does not have: netdata must be '-'")
        charts.append(new_chart(deviation.chart, deviation.ebpfmon, fail))
        charts[-1].notes.append(deviation.note())
        return
    targets = [c for c in charts if fnmatch.fnmatchcase(c.full_id, deviation.chart)]
    if not targets:
        fail("matches no chart")
    for chart in targets:
        chart.notes.append(deviation.note())
        if words == ["chart-"]:
            charts.remove(chart)
        elif words == ["values"]:
            pass  # what the numbers mean differs; the definition does not
        elif len(words) == 1 and words[0] in CHART_FIELDS:
            if chart.get(words[0]) != deviation.netdata:
                fail(f"{chart.full_id} has {words[0]} '{chart.get(words[0])}', the row says '{deviation.netdata}'")
            chart.set(words[0], deviation.ebpfmon)
        elif len(words) == 2 and words[0] == "dimension+":
            if deviation.netdata != "-" or any(d.id == words[1] for d in chart.dimensions):
                fail(f"dimension+ adds a dimension {chart.full_id} does not have: netdata must be '-'")
            chart.dimensions.append(new_dimension(words[1], deviation.ebpfmon, fail))
        elif len(words) == 2 and words[0] == "dimension-":
            kept = [d for d in chart.dimensions if d.id != words[1]]
            if len(kept) == len(chart.dimensions):
                fail(f"{chart.full_id} has no dimension '{words[1]}'")
            chart.dimensions = kept
        elif len(words) == 3 and words[0] == "dimension" and words[2] in DIMENSION_FIELDS:
            matched = [d for d in chart.dimensions if words[1] in ("*", d.id)]
            if not matched:
                fail(f"{chart.full_id} has no dimension '{words[1]}'")
            for d in matched:
                current = str(getattr(d, words[2]))
                if current != deviation.netdata:
                    fail(f"{chart.full_id} dimension {d.id} has {words[2]} '{current}', "
                         f"the row says '{deviation.netdata}'")
                setattr(d, words[2], int(deviation.ebpfmon) if words[2] in ("multiplier", "divisor")
                        else deviation.ebpfmon)
        else:
            fail("what must be a chart field (" + ", ".join(CHART_FIELDS) + "), 'dimension <id|*> <field>', "
                 "'dimension+ <id>', 'dimension- <id>', 'chart+', 'chart-' or 'values'")


GOLDEN_FIELD = re.compile(r"(\w+)=(?:'([^']*)'|(\S+))")


def new_chart(full_id, spec, fail):
    values = {m[1]: m[2] if m[2] is not None else m[3] for m in GOLDEN_FIELD.finditer(spec)}
    missing = [k for k in CHART_FIELDS if k not in values]
    if missing or "." not in full_id:
        fail(f"chart+ needs type.id and {', '.join(missing)} in the ebpfmon cell")
    type_, _, id_ = full_id.partition(".")
    return Chart(type_, id_, values["title"], values["units"], values["family"], values["context"],
                 values["type"], int(values["priority"]), values["when"], [])


def new_dimension(id_, spec, fail):
    m = re.fullmatch(r"name=(\S+) (absolute|incremental) (-?\d+) (\d+)(?: when=(\S+))?", spec)
    if not m:
        fail("dimension+ needs 'name=<name> <absolute|incremental> <multiplier> <divisor> [when=..]'")
    return Dimension(id_, m[1], m[2], int(m[3]), int(m[4]), m[5] or "")


def golden(module, charts):
    header = [
        f"# Chart golden of module {module}: Netdata 1.37.1's charts with ebpfmon's deviations applied.",
        "# Generated by tools/charts/golden.py from src/test/resources/netdata/charts-1.37.1.md and",
        "# deviations.tsv: do not edit, change those and run `python3 tools/charts/golden.py`.",
        "# CHART <type>.<id> title='' units='' family='' context='' type=<chart type> priority=<n> when=<condition>",
        "# DIMENSION <id> name=<name> <algorithm> <multiplier> <divisor> [when=<condition>]",
        "# when: always | return | apps | cgroups | services | internals | network-connections | fs:<fs> |"
        " syscall:<name>;",
        "#   '+' joins conditions that must all hold, '|' alternatives.",
        "# Placeholders for run-time keys: cgroup_<name>, <app>, <service>, <disk>, <irq>, md<unit>, <module>,",
        "#   <PROTO>, <host>.",
    ]
    body = []
    for chart in sorted(charts, key=lambda c: c.full_id):
        body.extend(chart.lines())
    return "\n".join(header + body) + "\n"


def build(tables_path=TABLES, deviations_path=DEVIATIONS):
    tables = Tables(tables_path)
    tables.number_filesystem_charts()
    for deviation in read_deviations(deviations_path):
        apply(deviation, tables.modules, deviations_path)
    return {module: golden(module, charts) for module, charts in tables.modules.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=GOLDENS, help="directory for <module>.txt")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    parser.add_argument("--tables", type=Path, default=TABLES)
    parser.add_argument("--deviations", type=Path, default=DEVIATIONS)
    args = parser.parse_args(argv)
    try:
        files = build(args.tables, args.deviations)
    except (DataError, ValueError) as e:
        print(f"golden.py: {e}", file=sys.stderr)
        return 2
    stale = []
    if not args.check:
        args.out.mkdir(parents=True, exist_ok=True)
    for module, text in files.items():
        path = args.out / f"{module}.txt"
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old == text:
            continue
        stale.append(path)
        if args.check:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                       str(path), f"{path} (generated)"))
        else:
            path.write_text(text, encoding="utf-8")
    extra = sorted(p for p in args.out.glob("*.txt") if p.stem not in files) if args.out.exists() else []
    for path in extra:
        print(f"golden.py: {path} has no module in the tables", file=sys.stderr)
    if args.check and (stale or extra):
        print(f"golden.py: {len(stale) + len(extra)} golden file(s) out of date: run python3 tools/charts/golden.py",
              file=sys.stderr)
        return 1
    return 1 if extra else 0


if __name__ == "__main__":
    sys.exit(main())
