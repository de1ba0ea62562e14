"""Interrupt and restart of the emotrans kernel through jupyter_client's KernelManager.

Prints one JSON object with what it saw; the jest test lifecycle.test.ts checks it.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 60


def run(kc, code):
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda msg: outputs.append(msg))
    return reply["content"]


outputs = []
km, kc = start_new_kernel(kernel_name=sys.argv[1] if len(sys.argv) > 1 else "emotrans")
seen = {"interrupt_mode": km.kernel_spec.interrupt_mode}
try:
    run(kc, "const kept = 5;")

    # A synchronous endless loop, interrupted through the kernelspec's interrupt mode.
    msg_id = kc.execute("let spins = 0;\nwhile (true) { spins++; }")
    time.sleep(1.5)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    seen["sync_loop"] = {"status": reply["content"]["status"], "ename": reply["content"].get("ename")}

    # An await that never resolves.
    msg_id = kc.execute("await new Promise(() => {});")
    time.sleep(1.0)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    seen["pending_await"] = {"status": reply["content"]["status"], "ename": reply["content"].get("ename")}

    outputs.clear()
    content = run(kc, "kept * 2")
    seen["after_interrupts"] = {
        "status": content["status"],
        "result": [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"],
    }

    old_pid = km.provisioner.pid if hasattr(km.provisioner, "pid") else None
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    outputs.clear()
    content = run(kc, "typeof (globalThis as any).kept")
    seen["after_restart"] = {
        "status": content["status"],
        "execution_count": content.get("execution_count"),
        "result": [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"],
    }
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)

json.dump(seen, sys.stdout)
