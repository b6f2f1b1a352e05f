use strict;
use warnings;

my $total = 0
foreach my $n (1 .. 3) {
    $totl += $n;
}
print "$total\n";
