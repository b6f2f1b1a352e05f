# needs: yamllint
yamllint -f parsable config.yaml broken.yml
