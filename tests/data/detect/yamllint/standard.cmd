# needs: yamllint
yamllint config.yaml broken.yml
