use specgen_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[validate(pattern = "^[a-z+$")]
    code: String,
}

fn main() {}
