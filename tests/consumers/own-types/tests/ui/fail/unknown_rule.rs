use specgen_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[validate(max_lenght = 20)]
    name: String,
}

fn main() {}
