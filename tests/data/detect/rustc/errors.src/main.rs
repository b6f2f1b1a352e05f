use std::collections::HashMap;

fn add(a: i32, b: i32) -> i32 {
    a + b
}

fn main() {
    let unused = 5;
    let x: i32 = "five";
    println!("{}", add(1, y));
    let v = vec![1, 2, 3];
    let w = v;
    println!("{:?}", v);
}
