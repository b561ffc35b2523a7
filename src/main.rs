fn main() {
    let text = std::io::read_to_string(std::io::stdin()).unwrap_or_default();
    let a = gxlint::check(&text, &gxlint::config::Settings::default());
    for d in a.diagnostics {
        println!("{} {} {}", d.code, d.name, d.message);
    }
}
