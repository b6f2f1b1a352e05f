# needs: ssh
ssh -o BatchMode=yes -o ConnectTimeout=5 -p 9 127.0.0.1 true
