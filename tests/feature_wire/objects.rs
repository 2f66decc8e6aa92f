//! `query_objects` and `form_objects`: objects and maps as `name=value` pairs. In a query, in
//! brackets (`deep_object`), as parameters of their own (`form`) or joined in one value; in a
//! form-urlencoded body, in brackets at any depth. Each checked on the wire, as the client
//! sends it and as a raw request spells it, with every failing member named by its pointer.

use std::collections::BTreeMap;

use feature_bindings::{form_objects, query_objects};
use form_objects::models::{Address, Customer, NewCustomer, Shipping};
use query_objects::models::{Color, Direction, IssueFilter, Person, Seen, Sort, State};
use query_objects::operations::{SearchIssuesParams, SearchIssuesResponse};
use serde_json::json;
use workspace_tests::http::{exchange, request};

use super::{assert_invalid, base, failing, only, serve, serve_recording};

/// Answers with the parameters it was given.
struct Echo;

impl query_objects::server::Api for Echo {
    async fn search_issues(&self, params: SearchIssuesParams) -> SearchIssuesResponse {
        SearchIssuesResponse::Ok(Seen {
            filter: params.filter,
            sort: params.sort,
            color: params.color,
            meta: params.meta,
            limit: params.limit.map(Some),
        })
    }
}

fn filter() -> IssueFilter {
    IssueFilter {
        state: State::Open,
        labels: Some(vec!["bug".into(), "ui".into()]),
        assignee: Some(Person {
            login: "ann".into(),
        }),
    }
}

#[tokio::test]
async fn query_objects_travel_in_their_styles() {
    let (addr, seen) = serve_recording(query_objects::server::router(Echo)).await;
    let client = query_objects::client::Client::new(&base(addr)).expect("client");
    let sort = Sort {
        field: "created".into(),
        direction: Some(Direction::Desc),
    };
    let color = Color {
        r: 100,
        g: None,
        b: Some(7),
    };
    let meta = BTreeMap::from([("team".to_owned(), 3)]);
    let answer = client
        .search_issues()
        .filter(filter())
        .sort(sort.clone())
        .color(color.clone())
        .meta(meta.clone())
        .await;
    let Ok(SearchIssuesResponse::Ok(echoed)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(echoed.filter, Some(filter()));
    assert_eq!(echoed.sort, Some(sort));
    assert_eq!(echoed.color, Some(color));
    assert_eq!(echoed.meta, Some(meta));
    assert_eq!(echoed.limit, None, "a null parameter is left out");
    assert_eq!(
        only(&seen).target,
        "/issues?filter%5Bassignee%5D%5Blogin%5D=ann&filter%5Blabels%5D=bug&filter%5Blabels%5D=ui\
         &filter%5Bstate%5D=open&direction=desc&field=created&color=B%2C7%2CR%2C100&meta%5Bteam%5D=3"
    );
}

#[tokio::test]
async fn query_objects_are_read_as_servers_are_sent_them() {
    let addr = serve(query_objects::server::router(Echo)).await;
    // Brackets and commas as browsers and most clients send them, unencoded.
    let target = "/issues?filter[state]=closed&filter[assignee][login]=bob&field=name\
                  &color=R,1,G,2&meta[a]=1&meta[b]=2&limit=5&other[x]=1";
    let reply = exchange(addr, request("GET", target, &[], b"")).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(
        reply.json(),
        json!({
            "filter": {"state": "closed", "assignee": {"login": "bob"}},
            "sort": {"field": "name"},
            "color": {"R": 1, "G": 2},
            "meta": {"a": 1, "b": 2},
            "limit": 5
        })
    );
}

#[tokio::test]
async fn query_objects_name_every_wrong_member() {
    let addr = serve(query_objects::server::router(Echo)).await;
    let target = "/issues?filter[state]=open&filter[labels]=a&filter[labels]=b&filter[labels]=c\
                  &filter[labels]=d&filter[assignee][login]=far-too-long&color=R,300\
                  &meta[a]=x&limit=0";
    let reply = exchange(addr, request("GET", target, &[], b"")).await;
    for pointer in [
        "/filter/labels",
        "/filter/assignee/login",
        "/color/R",
        "/meta/a",
        "/limit",
    ] {
        assert_invalid(&reply, "query", pointer);
    }
    // A required member left out, a bare value where an object belongs, names and values
    // that do not pair up.
    for (target, pointer) in [
        ("/issues?filter[labels]=a", "/filter/state"),
        ("/issues?filter=open", "/filter"),
        ("/issues?color=R,1,G", "/color"),
        ("/issues?color=R,1&color=G,2", "/color"),
        ("/issues?color=R,1,x,2", "/color/x"),
        ("/issues?direction=asc", "/sort/field"),
    ] {
        let reply = exchange(addr, request("GET", target, &[], b"")).await;
        assert_invalid(&reply, "query", pointer);
        assert_eq!(failing(&reply).len(), 1, "{target}: {reply}");
    }
}

#[tokio::test]
async fn query_objects_refuse_a_key_that_brackets_cannot_hold() {
    let (addr, seen) = serve_recording(query_objects::server::router(Echo)).await;
    let client = query_objects::client::Client::new(&base(addr)).expect("client");
    // A map's keys are free text; one holding a bracket would be read as nesting.
    let meta = BTreeMap::from([("a]b".to_owned(), 1)]);
    let answer = client.search_issues().meta(meta).await;
    let Err(specgen_runtime::client::Error::Encode(message)) = answer else {
        panic!("{answer:?}");
    };
    assert!(message.contains("`a]b`"), "{message}");
    assert!(seen.lock().expect("log").is_empty(), "nothing is sent");
}

/// Makes a customer of what it was sent.
struct Customers;

impl form_objects::server::Api for Customers {
    async fn create_customer(
        &self,
        body: NewCustomer,
    ) -> form_objects::operations::CreateCustomerResponse {
        form_objects::operations::CreateCustomerResponse::Ok(Customer {
            id: "cus_1".into(),
            email: body.email,
            address: body.address,
            metadata: body.metadata,
            shipping: body.shipping,
            locales: body.locales,
        })
    }
}

#[tokio::test]
async fn form_objects_travel_in_brackets_at_any_depth() {
    use form_objects::operations::CreateCustomerResponse;
    let (addr, seen) = serve_recording(form_objects::server::router(Customers)).await;
    let client = form_objects::client::Client::new(&base(addr)).expect("client");
    let address = Address {
        line1: "1 Main St".into(),
        city: Some("Oslo".into()),
        postal_code: None,
    };
    let customer = NewCustomer {
        email: "ann@example.com".into(),
        address: Some(address.clone()),
        metadata: Some(BTreeMap::from([("plan".to_owned(), "pro & co".to_owned())])),
        shipping: Some(Shipping {
            name: "Ann".into(),
            address,
        }),
        locales: Some(vec!["nb".into(), "en".into()]),
    };
    let answer = client.create_customer(customer.clone()).await;
    let Ok(CreateCustomerResponse::Ok(made)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(made.address, customer.address);
    assert_eq!(made.metadata, customer.metadata);
    assert_eq!(made.shipping, customer.shipping);
    assert_eq!(made.locales, customer.locales);
    let sent = only(&seen);
    assert_eq!(sent.content_type, "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8(sent.body).expect("text"),
        "email=ann%40example.com&address%5Bcity%5D=Oslo&address%5Bline1%5D=1+Main+St\
         &metadata%5Bplan%5D=pro+%26+co&shipping%5Baddress%5D%5Bcity%5D=Oslo\
         &shipping%5Baddress%5D%5Bline1%5D=1+Main+St&shipping%5Bname%5D=Ann&locales=nb&locales=en"
    );
}

#[tokio::test]
async fn form_objects_name_every_wrong_member() {
    let addr = serve(form_objects::server::router(Customers)).await;
    let headers = [("Content-Type", "application/x-www-form-urlencoded")];
    let body = b"email=nope&address[line1]=x&address[postal_code]=1234567&metadata[a]=1\
                 &metadata[b]=2&metadata[c]=3&metadata[d]=4";
    let reply = exchange(addr, request("POST", "/v1/customers", &headers, body)).await;
    for pointer in ["/email", "/address/postal_code", "/metadata"] {
        assert_invalid(&reply, "body", pointer);
    }
    // A required member left out, a single value sent twice, a bare value where an object
    // belongs: each named where it is (and a member left out beside one sent twice too).
    for (body, pointers) in [
        (
            &b"email=a@example.com&address[city]=Oslo"[..],
            &["/address/line1"][..],
        ),
        (
            b"email=a@example.com&shipping[name]=x&shipping[name]=y",
            &["/shipping/name", "/shipping/address"],
        ),
        (
            b"email=a@example.com&shipping[name]=x",
            &["/shipping/address"],
        ),
        (b"email=a@example.com&address=Oslo", &["/address"]),
    ] {
        let reply = exchange(addr, request("POST", "/v1/customers", &headers, body)).await;
        for pointer in pointers {
            assert_invalid(&reply, "body", pointer);
        }
        assert_eq!(failing(&reply).len(), pointers.len(), "{reply}");
    }
}

#[tokio::test]
async fn form_objects_mock_answers_its_example() {
    use form_objects::operations::CreateCustomerResponse;
    let addr = serve(form_objects::mock::router()).await;
    let client = form_objects::client::Client::new(&base(addr)).expect("client");
    let customer = NewCustomer {
        email: "ann@example.com".into(),
        address: None,
        metadata: None,
        shipping: None,
        locales: None,
    };
    let answer = client.create_customer(customer).await;
    let Ok(CreateCustomerResponse::Ok(made)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(made.id, "cus_1");
    assert_eq!(made.metadata.expect("metadata")["plan"], "pro");
}
