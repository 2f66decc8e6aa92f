//! The generated LINE WORKS and Yandex 360 routers, served by an implementation that answers as
//! the hand-written handlers do: the created field echoed with its new id, the new contact's id.
#![allow(deprecated)]

use apis::{lineworks, yandex360};
use axum::Router;
use specgen_runtime::Secret;

/// The id every created resource gets, on both sides.
pub const CREATED_ID: &str = "customfd-fc09-4a57-ab38-03dc6c425e09";

/// Answers every operation with the created resource.
pub struct Echo;

impl lineworks::server::Api for Echo {
    async fn create_custom_field(
        &self,
        _token: Secret,
        body: lineworks::models::CustomFieldRequest,
    ) -> lineworks::operations::CreateCustomFieldResponse {
        lineworks::operations::CreateCustomFieldResponse::Created(lineworks::models::CustomField {
            domain_id: body.domain_id,
            custom_field_id: Some(CREATED_ID.to_owned()),
            custom_field_external_key: body.custom_field_external_key,
            custom_field_name: body.custom_field_name,
            custom_field_type: body.custom_field_type,
            display_order: body.display_order,
        })
    }
}

impl yandex360::server::Api for Echo {
    async fn add_external_contact(
        &self,
        _token: Secret,
        _params: yandex360::operations::AddExternalContactParams,
        _body: yandex360::models::ExternalContact,
    ) -> yandex360::operations::AddExternalContactResponse {
        yandex360::operations::AddExternalContactResponse::Ok(
            yandex360::models::ExternalContactCreated {
                id: Some(CREATED_ID.to_owned()),
            },
        )
    }
}

/// The generated LINE WORKS router.
pub fn lineworks() -> Router {
    lineworks::server::router(Echo)
}

/// The generated Yandex 360 router.
pub fn yandex360() -> Router {
    yandex360::server::router(Echo)
}
