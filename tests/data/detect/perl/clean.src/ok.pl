use strict;
use warnings;
print "error: 0 warnings at line 3\n";
