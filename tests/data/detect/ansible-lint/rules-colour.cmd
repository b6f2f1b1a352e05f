# needs: ansible-lint
ansible-lint --force-color site.yml
