"""jupyter_kernel_test conformance suite for the emotrans TypeScript kernel.

Run with /usr/bin/python3 and JUPYTER_PATH pointing at a folder where the kernelspec `emotrans` is
installed (the jest test kernel-conformance.test.ts does this in a temporary folder).
"""
import unittest

import jupyter_kernel_test


class EmotransKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "emotrans"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("some error")'

    completion_samples = [
        {"text": "const zebraCount = 1, zebraName = 'z';\nzebr", "matches": {"zebraCount", "zebraName"}},
        {"text": "Math.fl", "matches": {"floor"}},
    ]

    complete_code_samples = ["1 + 1", "const x = 1;", "function f() {\n  return 2;\n}"]
    incomplete_code_samples = ["function f() {", "const xs = [1, 2,", "if (true) {\n  console.log(1);"]
    invalid_code_samples = ["1 +* 2", "const = 3;", "let let let"]

    code_inspect_sample = "Math.max"

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "[1, 2].map((x) => x * 10)", "result": "[ 10, 20 ]"},
    ]

    code_display_data = [
        {"code": 'display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.svg("<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"4\\" height=\\"4\\"></svg>")', "mime": "image/svg+xml"},
        {"code": 'display({ data: [{ x: [1, 2], y: [3, 4], type: "scatter" }], layout: { title: "t" } })', "mime": "application/vnd.plotly.v1+json"},
    ]

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_clear_output = "clearOutput()"

    # Beyond the suite: behaviour of this kernel, through the reference client (jupyter_client).

    def run_cell(self, code, **kwargs):
        self.flush_channels()
        return self.execute_helper(code, **kwargs)

    def result_text(self, output_msgs):
        results = [m for m in output_msgs if m["msg_type"] == "execute_result"]
        return results[0]["content"]["data"]["text/plain"] if results else None

    def test_type_error_stops_the_cell(self):
        reply, output = self.run_cell("console.log('ran');\nconst n: number = 'text';")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "TSError")
        self.assertIn("line 2", reply["content"]["evalue"])
        self.assertFalse([m for m in output if m["msg_type"] == "stream"], "a cell with a type error must not run")

    def test_ts_nocheck_opts_out(self):
        reply, output = self.run_cell("// @ts-nocheck\nconst n: number = 'text';\nn")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.result_text(output), "'text'")

    def test_declarations_persist_and_may_be_declared_again(self):
        self.run_cell("const carried = 40;\nfunction addTwo(x: number) { return x + 2; }")
        reply, output = self.run_cell("addTwo(carried)")
        self.assertEqual(self.result_text(output), "42")
        reply, output = self.run_cell("const carried = 'now a string';\ncarried.length")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.result_text(output), "12")

    def test_top_level_await(self):
        reply, output = self.run_cell("await new Promise<number>((resolve) => setTimeout(() => resolve(5), 10))")
        self.assertEqual(self.result_text(output), "5")

    def test_runtime_error_names_the_cell_line(self):
        reply, output = self.run_cell("const unused = 1;\nfunction fail(): never {\n  throw new RangeError('out of range');\n}\nfail();")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "RangeError")
        self.assertTrue(any("line 3" in line for line in reply["content"]["traceback"]), reply["content"]["traceback"])

    def test_stop_on_error_aborts_queued_executes(self):
        self.flush_channels()
        first = self.kc.execute("await new Promise((r) => setTimeout(r, 200)); throw new Error('first fails')")
        second = self.kc.execute("console.log('second ran')")
        replies = {}
        while len(replies) < 2:
            msg = self.kc.get_shell_msg(timeout=15)
            replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
        self.assertEqual(replies[first], "error")
        self.assertEqual(replies[second], "aborted")

    def test_input_through_stdin(self):
        self.flush_channels()
        msg_id = self.kc.execute("const answer = await input('Your name? ');\nanswer.toUpperCase()", allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=15)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["content"]["prompt"], "Your name? ")
        self.kc.input("ada")
        reply = self.get_non_kernel_info_reply(timeout=15)
        self.assertEqual(reply["content"]["status"], "ok")
        results = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=15)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_result":
                results.append(msg["content"]["data"]["text/plain"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        self.assertEqual(results, ["'ADA'"])

    def test_input_without_stdin_is_an_error(self):
        self.flush_channels()
        self.kc.execute("await input('never asked')", allow_stdin=False)
        reply = self.get_non_kernel_info_reply(timeout=15)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("does not allow stdin", reply["content"]["evalue"])

    def test_imports_emotrans_and_completes_its_types(self):
        reply, output = self.run_cell("import { createSession } from '@emotrans/core';\ntypeof createSession")
        self.assertEqual(self.result_text(output), "'function'")
        msg_id = self.kc.complete("const session = createSession();\nsession.regi")
        reply = self.get_non_kernel_info_reply(timeout=15)
        self.assertIn("registry", reply["content"]["matches"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
