//! `xml_bodies`: bodies that travel as XML, sent and answered, and a form among an answer's
//! bodies by media type. Through the generated client and server on loopback, and on the wire
//! as a document another program writes: members as elements, a list member repeated (and left
//! out when empty), `<x/>` for null and `<x></x>` for the empty text, numbers and booleans as
//! text read as the types ask, every failing member named by its pointer.

use std::sync::{Arc, Mutex};

use feature_bindings::xml_bodies;
use specgen_runtime::Bytes;
use workspace_tests::http::{exchange, request};
use xml_bodies::client::{Client, CreateOrderMedia};
use xml_bodies::models::{Discount, Line, Order, Receipt};
use xml_bodies::operations::{
    CreateOrderResponse, GetReceiptOkBody, GetReceiptParams, GetReceiptResponse,
    ListOrdersResponse, PutTagsParams, PutTagsResponse,
};

use super::{assert_invalid, base, serve, serve_recording};

/// Keeps what it is sent, and answers it back with a total.
#[derive(Clone, Default)]
struct Shop {
    orders: Arc<Mutex<Vec<Order>>>,
    tags: Arc<Mutex<Vec<Vec<String>>>>,
}

impl xml_bodies::server::Api for Shop {
    async fn create_order(&self, body: Order) -> CreateOrderResponse {
        self.orders.lock().unwrap().push(body.clone());
        CreateOrderResponse::Created(Order {
            total: Some(12.5),
            ..body
        })
    }

    async fn get_receipt(&self, params: GetReceiptParams) -> GetReceiptResponse {
        GetReceiptResponse::Ok(match params.id {
            1 => GetReceiptOkBody::Xml(Receipt {
                number: 1,
                paid: true,
            }),
            _ => GetReceiptOkBody::ApplicationPdf(Bytes::from_static(b"%PDF-1.7")),
        })
    }

    async fn list_orders(&self) -> ListOrdersResponse {
        ListOrdersResponse::Ok(self.orders.lock().unwrap().clone())
    }

    async fn put_tags(&self, _params: PutTagsParams, body: Vec<String>) -> PutTagsResponse {
        self.tags.lock().unwrap().push(body);
        PutTagsResponse::NoContent
    }
}

fn order() -> Order {
    Order {
        customer: "Ann & Bo <Ltd>".into(),
        lines: vec![
            Line {
                sku: "A-1".into(),
                quantity: 2,
                note: None,
            },
            Line {
                sku: "B-7".into(),
                quantity: 1,
                note: Some(String::new()),
            },
        ],
        rush: Some(true),
        total: None,
        discount: Some(Discount::Percent(5)),
        gift_note: Some(None),
        labels: Some(vec!["gift".into(), "fragile".into()]),
    }
}

#[tokio::test]
async fn an_order_goes_as_xml_and_comes_back_as_xml_into_the_same_types() {
    let shop = Shop::default();
    let (addr, seen) = serve_recording(xml_bodies::server::router(shop.clone())).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.create_order(order()).await.expect("call");
    let CreateOrderResponse::Created(created) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(
        created,
        Order {
            total: Some(12.5),
            ..order()
        }
    );
    assert_eq!(shop.orders.lock().unwrap()[0], order());
    let sent = seen.lock().unwrap()[0].clone();
    assert_eq!(sent.content_type, "application/xml; charset=utf-8");
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        "<order><customer>Ann &amp; Bo &lt;Ltd&gt;</customer>\
         <lines sku=\"A-1\"><quantity>2</quantity></lines>\
         <lines sku=\"B-7\"><quantity>1</quantity><note></note></lines>\
         <rush>true</rush><discount>5</discount><gift_note/>\
         <labels><label>gift</label><label>fragile</label></labels></order>"
    );
    // JSON still goes where asked, into the same types.
    let answer = client
        .create_order(order())
        .media(CreateOrderMedia::Json)
        .await;
    assert!(matches!(answer, Ok(CreateOrderResponse::Created(ref o)) if o.gift_note == Some(None)));
    assert_eq!(seen.lock().unwrap()[1].content_type, "application/json");
}

#[tokio::test]
async fn an_empty_required_list_is_left_out_and_read_back_empty() {
    let (addr, _) = serve_recording(xml_bodies::server::router(Shop::default())).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.list_orders().await.expect("call");
    assert_eq!(answer, ListOrdersResponse::Ok(vec![]));
    let reply = exchange(addr, request("GET", "/orders", &[], b"")).await;
    assert_eq!(reply.text(), "<orders></orders>");
    let empty = Order {
        lines: vec![],
        labels: Some(vec![]),
        gift_note: None,
        discount: Some(Discount::Code("SPRING".into())),
        ..order()
    };
    client.create_order(empty.clone()).await.expect("call");
    let answer = client.list_orders().await.expect("call");
    assert_eq!(answer, ListOrdersResponse::Ok(vec![empty]));
    let reply = exchange(addr, request("GET", "/orders", &[], b"")).await;
    assert_eq!(reply.content_type(), "text/xml; charset=utf-8");
    assert!(
        reply.text().starts_with("<orders><Order><customer>"),
        "{reply}"
    );
    assert!(!reply.text().contains("<lines>"), "{reply}");
    // A wrapped list is there when empty: its element, without items.
    assert!(reply.text().contains("<labels></labels>"), "{reply}");
}

#[tokio::test]
async fn a_document_another_program_writes_reads_as_the_types_ask() {
    let shop = Shop::default();
    let addr = serve(xml_bodies::server::router(shop.clone())).await;
    let document = r#"<?xml version="1.0" encoding="UTF-8"?>
        <order xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <customer><![CDATA[Ann & Bo]]></customer>
          <lines><sku>A-1</sku><quantity> 2 </quantity></lines>
          <rush>1</rush>
          <discount>SPRING</discount>
          <gift_note xsi:nil="true"/>
          <unknown>kept out</unknown>
        </order>"#;
    let xml = [("Content-Type", "text/xml")];
    let reply = exchange(addr, request("POST", "/orders", &xml, document.as_bytes())).await;
    assert_eq!(reply.status, 201, "{reply}");
    let kept = shop.orders.lock().unwrap()[0].clone();
    assert_eq!(kept.customer, "Ann & Bo");
    assert_eq!(kept.lines[0].quantity, 2);
    assert_eq!(kept.rush, Some(true));
    assert_eq!(kept.discount, Some(Discount::Code("SPRING".into())));
    assert_eq!(kept.gift_note, Some(None));
}

#[tokio::test]
async fn what_breaks_the_spec_in_xml_is_a_400_naming_each_member() {
    let addr = serve(xml_bodies::server::router(Shop::default())).await;
    let xml = [("Content-Type", "application/xml")];
    let post =
        |body: &'static str| exchange(addr, request("POST", "/orders", &xml, body.as_bytes()));
    let reply = post(
        "<order><customer></customer><lines sku=\"a1\"><quantity>zero</quantity></lines>\
         <lines><sku>B-1</sku><quantity>0</quantity></lines><rush>maybe</rush></order>",
    )
    .await;
    assert_invalid(&reply, "body", "/customer");
    assert_invalid(&reply, "body", "/lines/0/sku");
    assert_invalid(&reply, "body", "/lines/0/quantity");
    assert_invalid(&reply, "body", "/lines/1/quantity");
    assert_invalid(&reply, "body", "/rush");
    // A required member left out, and a list member given more often than allowed.
    let reply = post("<order><lines><sku>A-1</sku><quantity>1</quantity></lines></order>").await;
    assert_invalid(&reply, "body", "/customer");
    let four = "<lines><sku>A-1</sku><quantity>1</quantity></lines>".repeat(4);
    let body: &'static str = format!("<order><customer>A</customer>{four}</order>").leak();
    assert_invalid(&post(body).await, "body", "/lines");
    // Not XML at all, or not one document: 400 with where.
    for broken in ["<order><customer>A</order>", "<order/><order/>", "plain"] {
        let reply = post(broken).await;
        assert_eq!(reply.status, 400, "{broken}: {reply}");
        assert!(reply.text().contains("malformed XML"), "{broken}: {reply}");
    }
    let entity = "<!DOCTYPE o [<!ENTITY e \"x\">]><order><customer>&e;</customer></order>";
    let reply = post(entity).await;
    assert_eq!(reply.status, 400, "{reply}");
}

#[tokio::test]
async fn a_list_of_plain_values_goes_in_its_item_elements() {
    let shop = Shop::default();
    let (addr, seen) = serve_recording(xml_bodies::server::router(shop.clone())).await;
    let client = Client::new(&base(addr)).expect("client");
    let tags = vec!["gift".to_owned(), "1".to_owned(), String::new()];
    let answer = client.put_tags(7, tags.clone()).await.expect("call");
    assert_eq!(answer, PutTagsResponse::NoContent);
    assert_eq!(shop.tags.lock().unwrap()[0], tags);
    assert_eq!(
        String::from_utf8_lossy(&seen.lock().unwrap()[0].body),
        "<tags><tag>gift</tag><tag>1</tag><tag></tag></tags>"
    );
    let xml = [("Content-Type", "application/xml")];
    let reply = exchange(
        addr,
        request(
            "PUT",
            "/orders/7/tags",
            &xml,
            b"<tags><label>x</label></tags>",
        ),
    )
    .await;
    assert_eq!(reply.status, 400, "{reply}");
    assert!(reply.text().contains("`<tag>`"), "{reply}");
}

#[tokio::test]
async fn an_answer_in_xml_or_as_a_pdf_is_told_apart_by_its_media_type() {
    let addr = serve(xml_bodies::server::router(Shop::default())).await;
    let client = Client::new(&base(addr)).expect("client");
    let receipt = client.get_receipt(1).await.expect("call");
    assert_eq!(
        receipt,
        GetReceiptResponse::Ok(GetReceiptOkBody::Xml(Receipt {
            number: 1,
            paid: true
        }))
    );
    let pdf = client.get_receipt(2).await.expect("call");
    assert!(
        matches!(pdf, GetReceiptResponse::Ok(GetReceiptOkBody::ApplicationPdf(ref b)) if &b[..] == b"%PDF-1.7")
    );
    let reply = exchange(addr, request("GET", "/orders/1/receipt", &[], b"")).await;
    // `paid` is named `is-paid` in XML.
    assert_eq!(
        reply.text(),
        "<receipt><number>1</number><is-paid>true</is-paid></receipt>"
    );
}

#[tokio::test]
async fn the_mock_answers_its_examples_in_xml() {
    let addr = serve(xml_bodies::mock::router()).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.create_order(order()).await.expect("call");
    let CreateOrderResponse::Created(created) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(created.total, Some(12.5));
    assert_eq!(created.lines[1].note.as_deref(), Some(""));
    assert_eq!(created.gift_note, Some(None));
    let receipt = client.get_receipt(1).await.expect("call");
    assert!(matches!(receipt, GetReceiptResponse::Ok(GetReceiptOkBody::Xml(ref r)) if r.paid));
}
