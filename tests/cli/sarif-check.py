#!/usr/bin/env python3
"""Check a SARIF file against the OASIS 2.1.0 schema and GitHub code
scanning's requirements.  usage: sarif-check.py SCHEMA FILE"""
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors:
    print("schema:", list(e.path), e.message)
if errors:
    sys.exit(1)
# what GitHub code scanning needs beyond the schema
assert doc["version"] == "2.1.0"
for run in doc["runs"]:
    driver = run["tool"]["driver"]
    assert driver["name"]
    ids = [r["id"] for r in driver.get("rules", [])]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    for res in run.get("results", []):
        assert res["ruleId"] in ids, res["ruleId"]
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["message"]["text"]
        assert 1 <= len(res["locations"]) <= 10
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"]
        if "region" in loc:
            assert loc["region"]["startLine"] >= 1
        assert all(isinstance(v, str) for v in res.get("partialFingerprints", {}).values())
print("ok")
