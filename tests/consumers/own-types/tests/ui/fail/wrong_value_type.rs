use specgen_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[validate(max_length = "20")]
    name: String,
    #[validate(pattern = 5)]
    code: String,
}

fn main() {}
