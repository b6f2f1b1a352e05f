mod util;

fn main() {
    let count = 3;
    println!("{}", util::double(cnt));
}
