# needs: phpcs
phpcs --report-width=80 shop.php
