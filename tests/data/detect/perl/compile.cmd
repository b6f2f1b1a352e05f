# needs: perl
perl -c sum.pl
