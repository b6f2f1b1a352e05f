# needs: apt-get
LC_ALL=C apt-get install --simulate -y nosuch-package-heal
