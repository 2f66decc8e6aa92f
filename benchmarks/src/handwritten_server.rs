//! The LINE WORKS and Yandex 360 endpoints written by hand with axum: the same parsing, the same
//! checks (credentials, media type, shape, constraints with garde) and the same answers as the
//! generated routers give for a valid request.

use axum::Json;
use axum::Router;
use axum::extract::Path;
use axum::http::header::WWW_AUTHENTICATE;
use axum::http::{HeaderMap, StatusCode, header::AUTHORIZATION};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use garde::Validate;

use crate::generated_server::CREATED_ID;
use crate::handwritten::{lineworks, yandex360};

/// The LINE WORKS router.
pub fn lineworks() -> Router {
    Router::new().route("/v1.0/directory/custom-fields", post(create_custom_field))
}

/// The Yandex 360 router.
pub fn yandex360() -> Router {
    Router::new().route(
        "/directory/v1/org/{org_id}/external_contacts",
        post(add_external_contact),
    )
}

/// The token of an `Authorization: <scheme> <token>` header.
fn token<'a>(headers: &'a HeaderMap, scheme: &str) -> Option<&'a str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (sent, token) = value.split_once(' ')?;
    (sent.eq_ignore_ascii_case(scheme) && !token.trim().is_empty()).then_some(token.trim())
}

fn unauthorized(scheme: &'static str) -> Response {
    (StatusCode::UNAUTHORIZED, [(WWW_AUTHENTICATE, scheme)]).into_response()
}

fn invalid(report: &garde::Report) -> Response {
    (StatusCode::BAD_REQUEST, report.to_string()).into_response()
}

async fn create_custom_field(
    headers: HeaderMap,
    Json(body): Json<lineworks::CustomFieldRequest>,
) -> Response {
    if token(&headers, "Bearer").is_none() {
        return unauthorized("Bearer");
    }
    if let Err(report) = body.validate() {
        return invalid(&report);
    }
    let created = lineworks::CustomField {
        domain_id: body.domain_id,
        custom_field_id: CREATED_ID.to_owned(),
        custom_field_external_key: body.custom_field_external_key,
        custom_field_name: body.custom_field_name,
        custom_field_type: body.custom_field_type,
        display_order: body.display_order,
    };
    (
        StatusCode::CREATED,
        [("deprecation", "true")],
        Json(created),
    )
        .into_response()
}

async fn add_external_contact(
    headers: HeaderMap,
    Path(_org_id): Path<i64>,
    Json(body): Json<yandex360::ExternalContact>,
) -> Response {
    if token(&headers, "OAuth").is_none() {
        return unauthorized("OAuth");
    }
    if let Err(report) = body.validate() {
        return invalid(&report);
    }
    let created = yandex360::Created {
        id: CREATED_ID.to_owned(),
    };
    (StatusCode::OK, Json(created)).into_response()
}
