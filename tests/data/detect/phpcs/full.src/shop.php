<?php
function add_numbers($a,$b) {
  if ($a == TRUE) { return $a+$b; }
    return FALSE;
}
$x = "a very long line that goes on and on and on and on and on and on and on and on and on and on and on";
