#!/usr/bin/env python3
"""Write a known changelog (for tests/cli/510-log-stats.bats) to stdout.

Three runs; incidents a1 (c, severity 9), b1 (python, a warning), c1 (c,
severity 5); one torn line in the middle.
"""
import json

FIELDS = ["event", "time", "incident", "run", "from", "environment",
          "file_path", "line_number", "column", "error_type", "code",
          "severity", "analysis_severity", "error_message", "rule", "fix_id",
          "fix_description", "fix_reasoning", "status", "reason",
          "validation_result", "session", "backup", "attempt_number"]
INC = {
    "a1": {"environment": "c", "severity": "error", "analysis_severity": 9},
    "b1": {"environment": "python", "severity": "warning"},
    "c1": {"environment": "c", "severity": "error", "analysis_severity": 5},
}


def ev(event, time, inc, run, frm, **kw):
    d = {"v": 1, "kind": "event"}
    vals = dict(INC[inc], event=event, time=time, incident=inc, run=run,
                **{"from": frm}, error_message="m " + inc, attempt_number=1)
    vals.update(kw)
    for f in FIELDS:
        d[f] = vals.get(f)
    return json.dumps(d, separators=(",", ":"))


D1, D2, D3 = "2026-01-01T00:00:", "2026-01-02T00:0", "2026-01-03T00:00:"
lines = [
    ev("error_detected", D1 + "00Z", "a1", "r1", "error"),
    ev("error_detected", D1 + "00Z", "b1", "r1", "error"),
    ev("fix_failed", D1 + "05Z", "b1", "r1", "fix", rule="R2", fix_id="g1",
       status="refused"),
    ev("manual_intervention_required", D1 + "06Z", "b1", "r1", "fix"),
    ev("fix_applied", D1 + "10Z", "a1", "r1", "fix", rule="R1", fix_id="f1",
       status="applied"),
    ev("fix_validated", D1 + "20Z", "a1", "r1", "validation", rule="R1",
       fix_id="f1", validation_result="passed"),
    ev("healing_complete", D1 + "30Z", "a1", "r1", "validation", rule="R1",
       fix_id="f1", validation_result="passed"),
    ev("error_detected", D2 + "0:00Z", "c1", "r2", "error"),
    ev("fix_validated", D2 + "1:00Z", "c1", "r2", "validation", rule="R1",
       fix_id="f2", validation_result="passed"),
    ev("healing_complete", D2 + "1:30Z", "c1", "r2", "validation", rule="R1",
       fix_id="f2", validation_result="passed"),
    '{"v":1,"kind":"event","event":"fix_vali',
    ev("error_detected", D2 + "0:00Z", "a1", "r2", "error"),
    ev("fix_failed", D2 + "1:40Z", "a1", "r2", "validation", rule="R1",
       fix_id="f1", attempt_number=2, validation_result="failed"),
    ev("rollback_performed", D2 + "1:40Z", "a1", "r2", "validation",
       rule="R1", fix_id="f1", attempt_number=2, validation_result="failed"),
    ev("error_detected", D3 + "00Z", "b1", "r3", "error"),
]
print("\n".join(lines))
