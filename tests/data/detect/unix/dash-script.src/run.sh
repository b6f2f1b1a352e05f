shift 5
echo after
