# needs: yamllint
yamllint -f github config.yaml broken.yml
