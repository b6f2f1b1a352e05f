# needs: perl
perl ok.pl
