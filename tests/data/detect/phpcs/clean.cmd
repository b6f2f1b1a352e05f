# needs: phpcs
phpcs --standard=PSR12 greet.php
