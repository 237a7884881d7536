#!/usr/bin/env python3
"""Unit tests of golden.py: python3 -m unittest discover -s tools/charts (ChartGoldensUpToDateTest runs them)."""

import tempfile
import unittest
from pathlib import Path

import golden

BINS = "\n".join(f"| {i} | `b{i}` |" for i in range(24))
TABLES = f"""# test tables

## Latency histogram bins (disk and filesystem charts)

| # | id |
|---|---|
{BINS}

## Priorities of the filesystem charts

| setting | value |
|---|---|
| base priority | 2160 |
| filesystem order | ext4, xfs, nfs, zfs, btrfs |

## module fd

Commentary outside tables is ignored.

### host charts

| chart (type.id) | title | units | family | context | type | prio | dimensions (id→name algo) | when |
|---|---|---|---|---|---|---|---|---|
| `filesystem.file_descriptor` | Open and close calls | calls/s | file_access | `filesystem.file_descriptor *(empty→default)*` | line | 2195 | `do_sys_open`→open inc; `__close_fd`→close inc ×-1/1 | always |
| `filesystem.file_error` | Open fails | calls/s | file_access | `filesystem.file_error *(empty→default)*` | line | 2196 | `do_sys_open`→open abs | only when `ebpf load mode = return` (em->mode < MODE_ENTRY) |

### apps charts

| chart | title | units | family | context | type | prio | algo | when |
|---|---|---|---|---|---|---|---|---|
| `apps.file_open` | Number of open files | calls/s | file_access | `apps.file_open` | stacked | 20061 | absolute | always |
"""
HEADER = "module\tchart\twhat\tnetdata\tebpfmon\twhy\n"


class GoldenTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.tables = self.dir / "tables.md"
        self.tables.write_text(TABLES, encoding="utf-8")
        self.deviations = self.dir / "deviations.tsv"

    def build(self, *rows, tables=None):
        if tables is not None:
            self.tables.write_text(tables, encoding="utf-8")
        self.deviations.write_text(HEADER + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
        tables = golden.Tables(self.tables)
        for deviation in golden.read_deviations(self.deviations):
            golden.apply(deviation, tables.modules, self.deviations)
        return {m: golden.golden(m, charts) for m, charts in tables.modules.items()}

    def test_tables_become_chart_and_dimension_lines_with_effective_context_and_conditions(self):
        fd = self.build()["fd"]
        body = [line for line in fd.split("\n") if line.startswith(("CHART", "DIMENSION"))]
        self.assertEqual([
            "CHART apps.file_open title='Number of open files' units='calls/s' family='file_access' "
            "context='apps.file_open' type=stacked priority=20061 when=apps",
            "DIMENSION <app> name=<app> absolute 1 1",
            "CHART filesystem.file_descriptor title='Open and close calls' units='calls/s' family='file_access' "
            "context='filesystem.file_descriptor' type=line priority=2195 when=always",
            "DIMENSION do_sys_open name=open incremental 1 1",
            "DIMENSION __close_fd name=close incremental -1 1",
            "CHART filesystem.file_error title='Open fails' units='calls/s' family='file_access' "
            "context='filesystem.file_error' type=line priority=2196 when=return",
            "DIMENSION do_sys_open name=open absolute 1 1",
        ], body)

    def test_a_deviation_changes_the_field_and_says_why_above_the_chart(self):
        fd = self.build(("fd", "filesystem.file_error", "dimension * algorithm", "absolute", "incremental", "totals"),
                        ("fd", "apps.*", "title", "Number of open files", "Open files", "shorter"))["fd"]
        self.assertIn("# ebpfmon differs: dimension * algorithm: Netdata absolute, ebpfmon incremental (totals)\n"
                      "CHART filesystem.file_error", fd)
        self.assertIn("DIMENSION do_sys_open name=open incremental 1 1\n", fd.split("CHART filesystem.file_error")[1])
        self.assertIn("CHART apps.file_open title='Open files'", fd)

    def test_a_deviation_whose_netdata_value_is_not_the_tables_is_refused_with_its_line(self):
        with self.assertRaisesRegex(golden.DataError, r"deviations.tsv:2: fd filesystem.file_error title: "
                                    r"filesystem.file_error has title 'Open fails', the row says 'Open failures'"):
            self.build(("fd", "filesystem.file_error", "title", "Open failures", "x", "why"))

    def test_a_deviation_matching_no_chart_or_dimension_is_refused(self):
        with self.assertRaisesRegex(golden.DataError, "matches no chart"):
            self.build(("fd", "filesystem.nope", "title", "a", "b", "why"))
        with self.assertRaisesRegex(golden.DataError, "has no dimension 'nope'"):
            self.build(("fd", "filesystem.file_error", "dimension nope name", "a", "b", "why"))
        with self.assertRaisesRegex(golden.DataError, "unknown module"):
            self.build(("nope", "filesystem.file_error", "title", "a", "b", "why"))

    def test_charts_and_dimensions_can_be_added_and_removed(self):
        fd = self.build(
            ("fd", "netdata.fd_extra", "chart+", "-",
             "title='Extra chart' units='calls/s' family='fd' context='netdata.fd_extra' type=line priority=1 "
             "when=always", "ebpfmon only"),
            ("fd", "netdata.fd_extra", "dimension+ calls", "-", "name=calls incremental 1 1", "ebpfmon only"),
            ("fd", "filesystem.file_descriptor", "dimension- __close_fd", "present", "-", "gone"),
            ("fd", "apps.file_open", "chart-", "present", "-", "gone"))["fd"]
        self.assertIn("CHART netdata.fd_extra title='Extra chart' units='calls/s' family='fd' "
                      "context='netdata.fd_extra' type=line priority=1 when=always\n"
                      "DIMENSION calls name=calls incremental 1 1\n", fd)
        self.assertNotIn("DIMENSION __close_fd", fd.split("file_descriptor")[1].split("CHART")[0])
        self.assertNotIn("CHART apps.file_open", fd)

    def test_bad_table_cells_name_the_file_and_line(self):
        bad = TABLES.replace("`do_sys_open`→open abs", "`do_sys_open` sometimes")
        with self.assertRaisesRegex(golden.DataError, r"tables.md:48: cannot read dimension"):
            self.build(tables=bad)
        bad = TABLES.replace("| always |\n| `filesystem.file_error`", "| when the moon is full |\n| `filesystem.file_error`")
        with self.assertRaisesRegex(golden.DataError, r"tables.md:47: unknown condition 'when the moon is full'"):
            self.build(tables=bad)
        bad = TABLES.replace("`filesystem.file_error *(empty", "`filesystem.other *(empty")
        with self.assertRaisesRegex(golden.DataError, "empty context of filesystem.file_error defaults to"):
            self.build(tables=bad)

    def test_the_real_tables_and_deviations_build(self):
        files = golden.build()
        self.assertIn("fd", files)
        self.assertEqual(17, len(files))


if __name__ == "__main__":
    unittest.main()
