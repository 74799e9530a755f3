"""The progress bar of a multi-file run: drawn on a terminal (stderr), absent from pipes."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from batch_helpers import seed_tree


def _run(args, *, terminal: bool) -> tuple[int, bytes, bytes]:
    """Run the CLI with stderr on a pseudo-terminal (or a pipe); (exit code, stdout, stderr bytes)."""
    command = [sys.executable, "-m", "newsclean", *args]
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    if not terminal:
        done = subprocess.run(command, capture_output=True, env=env, timeout=120)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, env=env) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        stdout = proc.stdout.read()
        code = proc.wait(timeout=120)
    os.close(leader)
    return code, stdout, b"".join(chunks)


def test_a_batch_on_a_terminal_shows_a_bar_with_count_and_rate(tmp_path):
    src = seed_tree(tmp_path / "in")
    code, stdout, stderr = _run(["convert", str(src), "-o", str(tmp_path / "out")], terminal=True)
    assert code == 0, stderr
    screen = stderr.decode("utf-8", "replace")
    assert "converting" in screen and "files/s" in screen and "3/3" in screen
    assert b"converting" not in stdout  # the bar never mixes with what goes to stdout


def test_a_batch_into_a_pipe_has_no_bar(tmp_path):
    src = seed_tree(tmp_path / "in")
    code, _, stderr = _run(["convert", str(src), "-o", str(tmp_path / "out")], terminal=False)
    assert code == 0
    assert b"converting" not in stderr and b"\x1b[" not in stderr
