# needs: jq
jq '.[] | select(.url == ${path})' in.json
jq -f f.jq in.json
jq '.a | foo(1)' in.json
jq '.a[]' in.json
jq '.a + "x"' < in.json
jq . bad.json
jq . missing.json
jq -n '$nosuch'
jq '.b[0]' in.json
