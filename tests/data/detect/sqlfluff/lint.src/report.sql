select a+b  as  total, *
from orders
