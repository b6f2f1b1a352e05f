# needs: phpunit
phpunit --no-configuration --colors=never CartTest.php
