# needs: yamllint
yamllint -f standard ok.yaml
