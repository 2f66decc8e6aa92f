use specgen_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[validate(max_length = 3)]
    count: i32,
}

fn main() {}
