"""``make bench`` prints only its figure blocks: the signing server runs without the project's
gunicorn settings (no clock worker, no access log), and each block ends with its goal and
PASS or FAIL."""

import re
import runpy
from pathlib import Path

from bench import signing
from bench.report import print_block

BENCH = Path(signing.__file__).parent


def test_the_benchmark_server_settings_start_no_clock_and_write_no_access_log():
    settings = runpy.run_path(str(BENCH / "gunicorn.conf.py"))
    assert settings["accesslog"] is None
    assert settings["loglevel"] == "warning"
    # The project's settings start the clock from these hooks; the benchmark's have none.
    assert not {"when_ready", "on_exit", "post_fork"} & set(settings)


def test_the_signing_benchmark_passes_its_own_settings_to_gunicorn():
    source = Path(signing.__file__).read_text(encoding="utf-8")
    assert re.search(
        r'"--config",\s+str\(Path\(__file__\)\.parent / "gunicorn\.conf\.py"\)', source
    )
    assert '"RECALL_WORKER": "0"' in source


def test_a_figure_block_ends_with_its_goal_and_result(capsys):
    print_block("title", {"result": "PASS", "goal": "<= 1 s", "seconds": 0.5})

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "title"
    assert [line.split()[0] for line in lines[1:4]] == ["seconds", "goal", "result"]
    assert lines[3].split()[1] == "PASS"
