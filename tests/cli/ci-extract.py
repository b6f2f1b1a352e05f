#!/usr/bin/env python3
"""Check heal's CI recipes (share/ci/) and turn their steps into scripts
that run locally.

  ci-extract.py check FILE...               parse each YAML file; check its shape
  ci-extract.py github ACTION STEP [K=V]... a composite action step as a bash
                                            script (env exported, ${{ inputs.K }}
                                            from K=V or the input's default)
  ci-extract.py gitlab FILE JOB [K=V]...    a GitLab job's script as an sh script
                                            (its variables, overridden by K=V)
"""
import re
import shlex
import sys

import yaml


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def check(path):
    d = load(path)
    assert isinstance(d, dict), path
    if path.endswith("action.yml"):
        assert d["runs"]["using"] == "composite"
        assert "command" in d["inputs"] and d["inputs"]["command"]["required"]
        uses = [s["uses"] for s in d["runs"]["steps"] if "uses" in s]
        assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses), uses
        for s in d["runs"]["steps"]:
            assert ("run" in s) != ("uses" in s), s
            if "run" in s:
                assert s["shell"] == "bash", s   # composite run steps need a shell
                assert "${{" not in s["run"], "expressions go through env, not into scripts"
        text = open(path).read()
        for f in ("heal --dry-run", "--format github", "--format markdown", "--format sarif", "GITHUB_STEP_SUMMARY"):
            assert f in text, f
    elif "workflows" in path or path.endswith("workflow.yml"):
        assert d["permissions"]["security-events"] == "write"
        assert d.get("on") or d.get(True), "a trigger"   # YAML 1.1 reads 'on' as True
        for job in d["jobs"].values():
            assert job["steps"]
    elif path.endswith(".gitlab-ci.yml"):
        jobs = {k: v for k, v in d.items() if isinstance(v, dict) and "script" in v}
        assert jobs, "a job"
        for job in jobs.values():
            assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
            assert job["artifacts"]["when"] == "always"
            assert "--format codequality" in "\n".join(job["script"])
            assert "heal --dry-run" in "\n".join(job["script"])
    else:
        raise SystemExit("unknown recipe " + path)


def kv(args):
    return dict(a.split("=", 1) for a in args)


def github(path, step_id, overrides):
    d = load(path)
    inputs = {k: str(v.get("default", "")) for k, v in d["inputs"].items()}
    inputs.update(overrides)

    def expand(s):
        def one(m):
            e = m.group(1).strip()
            if e.startswith("inputs."):
                return inputs[e[len("inputs."):]]
            raise SystemExit("cannot evaluate ${{ %s }}" % e)
        return re.sub(r"\$\{\{(.*?)\}\}", one, str(s))

    step = next(s for s in d["runs"]["steps"] if s.get("id") == step_id)
    out = []
    for k, v in (step.get("env") or {}).items():
        out.append("export %s=%s" % (k, shlex.quote(expand(v))))
    if step.get("working-directory"):
        out.append("cd %s" % shlex.quote(expand(step["working-directory"])))
    out.append(step["run"])
    print("\n".join(out))


def gitlab(path, job, overrides):
    d = load(path)
    j = d[job]
    env = {k: str(v) for k, v in (j.get("variables") or {}).items()}
    env.update(overrides)
    out = ["export %s=%s" % (k, shlex.quote(v)) for k, v in env.items()]
    out += j["script"]
    print("\n".join(out))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "check":
        for p in sys.argv[2:]:
            check(p)
    elif cmd == "github":
        github(sys.argv[2], sys.argv[3], kv(sys.argv[4:]))
    elif cmd == "gitlab":
        gitlab(sys.argv[2], sys.argv[3], kv(sys.argv[4:]))
    else:
        raise SystemExit(__doc__)
