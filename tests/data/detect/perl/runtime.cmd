# needs: perl
perl need.pl; perl run.pl
