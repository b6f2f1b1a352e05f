select
    id,
    name
from customers
