use specgen_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[validate(max_lenght = 20)]
    name: String,
    #[validate(pattern = "(")]
    code: String,
    #[validate(min_items = -1)]
    tags: Vec<String>,
}

fn main() {}
