//! The `include_spec!` bindings at work: validation outcomes, the documented error shape,
//! and the generated client calling the generated server on loopback.

use consumer_yandex_include::yandex360::{client, models, operations, server};
use specgen_runtime::{Secret, Validate};

struct Contacts;

impl server::Api for Contacts {
    async fn add_external_contact(
        &self,
        _token: Secret,
        params: operations::AddExternalContactParams,
        body: models::ExternalContact,
    ) -> operations::AddExternalContactResponse {
        let id = format!("{}-{}", params.org_id, body.emails.len());
        operations::AddExternalContactResponse::Ok(models::ExternalContactCreated { id: Some(id) })
    }
}

fn contact(emails: Vec<models::ExternalContactEmail>) -> models::ExternalContact {
    models::ExternalContact {
        emails,
        ..serde_json::from_str(r#"{"emails": []}"#).expect("a contact")
    }
}

fn email(address: &str) -> models::ExternalContactEmail {
    models::ExternalContactEmail {
        email: Some(address.into()),
        r#type: None,
        main: Some(true),
    }
}

#[test]
fn validation_outcomes() {
    assert!(contact(vec![email("a@example.com")]).validate().is_ok());
    let errors = contact(Vec::new()).validate().expect_err("no email");
    assert_eq!(errors.violations()[0].pointer, "/emails");
    let errors = contact(vec![email("nope")])
        .validate()
        .expect_err("bad email");
    assert_eq!(errors.violations()[0].pointer, "/emails/0/email");
}

#[tokio::test]
async fn client_calls_server_on_loopback() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(specgen_runtime::axum::serve(listener, server::router(Contacts)).into_future());
    let yandex = client::Client::new(&format!("http://{addr}"), "token").expect("client");

    let answer = yandex
        .add_external_contact(42, contact(vec![email("a@example.com")]))
        .await
        .expect("call");
    assert_eq!(
        answer,
        operations::AddExternalContactResponse::Ok(models::ExternalContactCreated {
            id: Some("42-1".into())
        })
    );

    // With client validation off the server answers in Yandex's documented error shape.
    let answer = yandex
        .validate_requests(false)
        .add_external_contact(42, contact(Vec::new()))
        .await
        .expect("call");
    let operations::AddExternalContactResponse::BadRequest(error) = answer else {
        panic!("expected 400, got {answer:?}");
    };
    assert_eq!(error.code, Some(3));
}
