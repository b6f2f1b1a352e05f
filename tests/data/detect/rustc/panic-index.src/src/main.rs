fn main() {
    let hosts = vec!["a", "b"];
    let i = hosts.len() + 3;
    println!("{}", hosts[i]);
}
