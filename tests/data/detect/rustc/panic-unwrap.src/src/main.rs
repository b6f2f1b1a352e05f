fn main() {
    let port: Option<u16> = std::env::var("HEAL_NO_SUCH_PORT").ok().and_then(|p| p.parse().ok());
    println!("{}", port.unwrap());
}
