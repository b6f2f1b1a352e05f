# needs: ansible-lint
ansible-lint --nocolor site.yml
