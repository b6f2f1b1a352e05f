# needs: php
php < sum.php; php -r 'echo undefined_fn();'
