fn main() -> Result<(), specgen::Error> {
    specgen::Builder::new()
        .spec_dir("../../../specs/lineworks")
        .generate()
}
