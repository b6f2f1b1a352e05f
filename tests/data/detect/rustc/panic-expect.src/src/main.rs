fn main() {
    let config: Result<u32, String> = Err("bad config".to_string());
    config.expect("loading the config");
}
