function total(order) {
  return order.items.length;
}
console.log(total({}));
