<?php
declare(strict_types=1);
function sum(int $a, float $b): int {
    return $a + $b;
}
echo sum(1, 2.5);
