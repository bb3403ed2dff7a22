"""The parent side of umockdev_testbed.py: starts the testbed process (preloaded, as
umockdev's uevent sender needs) and sends it one command at a time."""

import subprocess
import sys

from conftest import REPO


class UmockdevTestbed:
    def __init__(self, preload_env):
        self.process = subprocess.Popen([sys.executable, str(REPO / "Tests" / "system" / "umockdev_testbed.py")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=preload_env)
        self.root = self.process.stdout.readline().strip()
        assert self.root, "the testbed did not start"

    def send(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        assert answer == "ok", answer

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)
