# needs: sh
sh -c "nosuch-heal-cmd --version"
sh -c "if true; then echo x; fi fi"
