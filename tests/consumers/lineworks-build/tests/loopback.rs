//! The build-script bindings at work: validation outcomes, and the generated client calling
//! the generated server on loopback.

#![allow(deprecated)] // The LINE WORKS endpoint is deprecated; it is still served.

use consumer_lineworks_build::lineworks::{client, models, operations, server};
use specgen_runtime::{Secret, Validate};

struct Directory;

impl server::Api for Directory {
    async fn create_custom_field(
        &self,
        token: Secret,
        body: models::CustomFieldRequest,
    ) -> operations::CreateCustomFieldResponse {
        if token.expose() != "s3cret" {
            return operations::CreateCustomFieldResponse::BadRequest;
        }
        operations::CreateCustomFieldResponse::Created(models::CustomField {
            domain_id: body.domain_id,
            custom_field_id: Some("cf-1".into()),
            custom_field_external_key: body.custom_field_external_key,
            custom_field_name: body.custom_field_name,
            custom_field_type: body.custom_field_type,
            display_order: body.display_order,
        })
    }
}

fn request(name: &str) -> models::CustomFieldRequest {
    models::CustomFieldRequest {
        domain_id: 10000001,
        custom_field_external_key: Some(Some("CUSTOMFIELDEXT01".into())),
        custom_field_name: name.into(),
        custom_field_type: models::CustomFieldType::Link,
        display_order: Some(1),
    }
}

#[test]
fn validation_counts_characters() {
    assert!(request(&"名".repeat(20)).validate().is_ok());
    let errors = request(&"名".repeat(21))
        .validate()
        .expect_err("21 characters");
    assert_eq!(errors.violations()[0].pointer, "/customFieldName");
}

#[tokio::test]
async fn client_calls_server_on_loopback() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let router = server::router(Directory);
    tokio::spawn(specgen_runtime::axum::serve(listener, router).into_future());

    let base = format!("http://{addr}{}", server::BASE_PATH);
    let lineworks = client::Client::new(&base, "s3cret").expect("client");
    let answer = lineworks
        .create_custom_field(request("custom01"))
        .await
        .expect("call");
    let operations::CreateCustomFieldResponse::Created(field) = answer else {
        panic!("expected 201, got {answer:?}");
    };
    assert_eq!(field.custom_field_id.as_deref(), Some("cf-1"));
    assert_eq!(field.custom_field_name, "custom01");
}
