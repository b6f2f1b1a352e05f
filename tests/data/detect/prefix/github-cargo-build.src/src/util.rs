pub fn double(x: i32) -> i32 {
    let tmp = 1;
    x * 2
}

pub fn dead() {}
