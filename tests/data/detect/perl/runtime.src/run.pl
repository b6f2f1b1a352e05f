use strict;
use warnings;

my %conf;
my $name;
print "hello " . $name . "\n";
my $db = $conf{db};
$db->connect();
