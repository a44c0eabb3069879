#!/usr/bin/python3
"""Records what the real Ceph CLI (ceph_argparse and the argument handling of /usr/bin/ceph) makes of
each command line in cli-cases.txt, against the recorded monitor command descriptions (mon.json): the
JSON command it would send and to which daemon, or that it refuses the line and what it prints.

Run from this directory with the Ceph CLI installed:  python3 record-cli-expectations.py > cli-expectations.json
"""
import contextlib
import importlib.machinery
import importlib.util
import io
import json
import shlex

import ceph_argparse

loader = importlib.machinery.SourceFileLoader("ceph_cli", "/usr/bin/ceph")
spec = importlib.util.spec_from_loader("ceph_cli", loader)
ceph_cli = importlib.util.module_from_spec(spec)
loader.exec_module(ceph_cli)

with open("mon.json") as descriptions:
    sigdict = ceph_argparse.parse_json_funcsigs(descriptions.read(), "cli")


def expectation(line):
    argv = shlex.split(line)
    result = {"line": line}
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        try:
            _, parsed, childargs = ceph_cli.parse_cmdargs(argv)
        except SystemExit:
            result["error"] = stderr.getvalue().strip().splitlines()[-1].split(": error: ", 1)[-1]
            return result
        if "--" in childargs:
            childargs.remove("--")
        if parsed.status:
            childargs.insert(0, "status")
        valid = ceph_argparse.validate_command(sigdict, childargs)
    if not valid:
        printed = stderr.getvalue().strip().splitlines()
        result["error"] = "\n".join(printed)
        if printed[0].startswith("no valid command found"):
            result["closest"] = printed[1:]
        return result
    target = valid.pop("target", ("mon", ""))[0]
    result["target"] = "mgr" if target == "mon-mgr" else target
    if parsed.output_format:
        valid["format"] = parsed.output_format
    result["arguments"] = valid
    return result


with open("cli-cases.txt") as cases:
    lines = [line.rstrip("\n") for line in cases if line.strip() and not line.startswith("#")]
print(json.dumps([expectation(line) for line in lines], indent=1))
