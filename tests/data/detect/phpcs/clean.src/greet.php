<?php

function greet(string $name): string
{
    return "Hello " . $name;
}
