"""The runtime process dies with its kernel, on every way a kernel goes away, even while a cell spins in a
synchronous loop: shutdown (now=True), restart (now=True) and SIGKILL of the kernel process.

Prints one JSON object {path: seconds the runtime outlived its kernel, or null if it survived}.
"""
import json
import os
import signal
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 30


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead, only not reaped yet
    except FileNotFoundError:
        return False


def spinning_runtime(kc):
    """Starts an endless loop in a cell; returns the pid of the runtime process running it."""
    pid_file = os.path.abspath("runtime.pid")
    if os.path.exists(pid_file):
        os.remove(pid_file)
    kc.execute(f"require('node:fs').writeFileSync({json.dumps(pid_file)}, String(process.pid));\nwhile (true) {{}}")
    deadline = time.monotonic() + TIMEOUT
    while not os.path.exists(pid_file) or not open(pid_file).read():
        if time.monotonic() > deadline:
            raise TimeoutError("the cell did not start")
        time.sleep(0.05)
    return int(open(pid_file).read())


def outlived(pid):
    start = time.monotonic()
    while alive(pid):
        if time.monotonic() - start > 10:
            os.kill(pid, signal.SIGKILL)
            return None
        time.sleep(0.05)
    return round(time.monotonic() - start, 2)


seen = {}
name = sys.argv[1] if len(sys.argv) > 1 else "emotrans"
for path in ("shutdown_now", "restart_now", "sigkill"):
    km, kc = start_new_kernel(kernel_name=name)
    try:
        runtime = spinning_runtime(kc)
        time.sleep(0.3)
        if path == "shutdown_now":
            km.shutdown_kernel(now=True)
        elif path == "restart_now":
            km.restart_kernel(now=True)
        else:
            os.kill(km.provisioner.pid, signal.SIGKILL)
        seen[path] = outlived(runtime)
        if path == "restart_now":
            kc.wait_for_ready(timeout=TIMEOUT)
            reply = kc.execute_interactive("1 + 1", timeout=TIMEOUT, output_hook=lambda msg: None)
            seen["after_restart"] = reply["content"]["status"]
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)

json.dump(seen, sys.stdout)
