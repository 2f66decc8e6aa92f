use serde::{Deserialize, Serialize};
use serde_json::json;

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Book {
    title: String,
    pages: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<String>,
    tags: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::nullable"
    )]
    series: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Author>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Author {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prizes: Option<Vec<u16>>,
}

static OBJECTS: Objects = Objects(&[
    Object {
        name: "Book",
        lists: &["tags"],
        attributes: &[],
        wrapped: &[],
        renamed: &[("subtitle", "sub-title")],
    },
    Object {
        name: "Author",
        lists: &[],
        attributes: &["alive", "name"],
        wrapped: &[("prizes", "prize")],
        renamed: &[("alive", "living")],
    },
]);

fn book() -> Book {
    Book {
        title: "Dune & <Co>".into(),
        pages: 412,
        subtitle: Some(String::new()),
        tags: vec!["sf".into(), "classic".into()],
        series: Some(None),
        rating: Some(4.5),
        author: Some(Author {
            name: "Frank Herbert".into(),
            alive: Some(false),
            prizes: Some(vec![1966]),
        }),
    }
}

fn form(root: &'static str, item: Option<&'static str>) -> Form {
    Form {
        root,
        item,
        objects: &OBJECTS,
    }
}

fn round_trip<T>(root: &'static str, item: Option<&'static str>, value: &T) -> (String, T)
where
    T: Serialize + serde::de::DeserializeOwned,
{
    let text = to_string(&form(root, item), value).expect("written");
    let read = read(text.as_bytes(), item).expect("read");
    let back = from_value(&read, &OBJECTS).unwrap_or_else(|e| panic!("{e}: {text}"));
    (text, back)
}

#[test]
fn an_object_is_its_members_in_order_and_reads_back() {
    let (text, back) = round_trip("book", None, &book());
    assert_eq!(
        text,
        "<book><title>Dune &amp; &lt;Co&gt;</title><pages>412</pages><sub-title></sub-title>\
         <tags>sf</tags><tags>classic</tags><series/><rating>4.5</rating>\
         <author name=\"Frank Herbert\" living=\"false\"><prizes><prize>1966</prize></prizes>\
         </author></book>"
    );
    assert_eq!(back, book());
}

#[test]
fn null_and_the_empty_text_are_told_apart() {
    let mut value = book();
    value.subtitle = Some(String::new());
    value.series = Some(None);
    let (text, back) = round_trip("book", None, &value);
    assert!(text.contains("<sub-title></sub-title>") && text.contains("<series/>"));
    assert_eq!(back.subtitle, Some(String::new()));
    assert_eq!(back.series, Some(None));
    let read = read(
        b"<b><series xsi:nil=\"true\" xmlns:xsi=\"x\">text</series></b>",
        None,
    );
    assert_eq!(read.unwrap(), json!({"series": null}));
}

#[test]
fn a_required_list_left_out_is_empty_and_one_element_is_a_list_of_one() {
    let mut value = book();
    value.tags.clear();
    value.author.as_mut().unwrap().prizes = Some(vec![]);
    let (text, back) = round_trip("book", None, &value);
    assert!(!text.contains("<tags>"), "{text}");
    assert_eq!(back.tags, Vec::<String>::new());
    // A wrapped list is there when empty: its element, without items.
    assert!(text.contains("<prizes></prizes>"), "{text}");
    assert_eq!(back.author.unwrap().prizes, Some(vec![]));
    let (_, back) = round_trip(
        "book",
        None,
        &Book {
            tags: vec!["one".into()],
            ..book()
        },
    );
    assert_eq!(back.tags, ["one"]);
}

#[test]
fn a_list_body_is_its_items_inside_the_root() {
    let books = vec![book(), book()];
    let (text, back) = round_trip("books", Some("Book"), &books);
    assert!(text.starts_with("<books><Book><title>"), "{text}");
    assert_eq!(back, books);
    let (text, back) = round_trip(
        "result",
        Some("word"),
        &vec!["a".to_owned(), "b".to_owned()],
    );
    assert_eq!(text, "<result><word>a</word><word>b</word></result>");
    assert_eq!(back, ["a", "b"]);
    let (text, back) = round_trip("result", Some("n"), &Vec::<u8>::new());
    assert_eq!(text, "<result></result>");
    assert!(back.is_empty());
    let (_, back) = round_trip("result", Some("n"), &vec![7_u8]);
    assert_eq!(back, [7]);
}

#[test]
fn lists_of_lists_and_maps_have_elements_of_their_own() {
    let grid = vec![vec![1, 2], vec![], vec![3]];
    let (text, back) = round_trip("grid", Some("row"), &grid);
    assert_eq!(
        text,
        "<grid><row><item>1</item><item>2</item></row><row></row><row><item>3</item></row></grid>"
    );
    assert_eq!(back, grid);
    let map = std::collections::BTreeMap::from([("en".to_owned(), 1), ("ru".to_owned(), 2)]);
    let (text, back) = round_trip("counts", None, &map);
    assert_eq!(text, "<counts><en>1</en><ru>2</ru></counts>");
    assert_eq!(back, map);
}

#[test]
fn a_plain_value_is_the_roots_text() {
    assert_eq!(
        to_string(&form("title", None), "Dune & Co").unwrap(),
        "<title>Dune &amp; Co</title>"
    );
    assert_eq!(round_trip("n", None, &42_i64).1, 42);
    assert_eq!(
        round_trip("x", None, &1e300_f64),
        ("<x>1e+300</x>".into(), 1e300)
    );
    assert_eq!(
        round_trip("t", None, &" spaced\r\n ".to_owned()).1,
        " spaced\r\n "
    );
}

#[test]
fn what_xml_cannot_hold_is_an_error_not_a_broken_document() {
    assert!(
        to_string(&form("t", None), "a\u{0}b")
            .unwrap_err()
            .0
            .contains("U+0000")
    );
    let map = std::collections::BTreeMap::from([("two words".to_owned(), 1)]);
    assert!(
        to_string(&form("m", None), &map)
            .unwrap_err()
            .0
            .contains("two words")
    );
    assert!(to_string(&form("b", None), &serde_bytes_like()).is_err());
    // An attribute holds a plain value only.
    #[derive(Serialize)]
    struct Author {
        name: Vec<u8>,
    }
    let error = to_string(&form("a", None), &Author { name: vec![1] }).unwrap_err();
    assert!(
        error.0.contains("a list where XML holds only a text"),
        "{error}"
    );
}

/// A value that serializes as raw bytes.
fn serde_bytes_like() -> impl Serialize {
    struct Raw;
    impl Serialize for Raw {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b"raw")
        }
    }
    Raw
}

#[test]
fn documents_as_other_writers_write_them_read() {
    let text = r#"<?xml version="1.0" encoding="utf-8"?>
        <!-- a comment -->
        <ns:book xmlns:ns="urn:books" id="7">
          <ns:title><![CDATA[Dune <1>]]> &amp; &#233;</ns:title>
          <pages> 412 </pages>
          <tags>sf</tags>
        </ns:book>"#;
    let value = read(text.as_bytes(), None).unwrap();
    assert_eq!(
        value,
        json!({"id": "7", "title": "Dune <1> & é", "pages": " 412 ", "tags": "sf"})
    );
    #[derive(Debug, Deserialize)]
    struct Small {
        title: String,
        pages: i32,
        tags: Vec<String>,
    }
    let small: Small = from_value(&value, &Objects::NONE).unwrap();
    assert_eq!(
        (small.title.as_str(), small.pages, small.tags.len()),
        ("Dune <1> & é", 412, 1)
    );
}

#[test]
fn malformed_documents_are_errors_with_a_place() {
    for (text, what) in [
        ("<a><b></a>", "line 1"),
        ("<a>", "ends inside `<a>`"),
        ("<a/><b/>", "second root"),
        ("", "no root element"),
        ("text", "outside the root"),
        ("<a>&bogus;</a>", "&bogus;"),
        (
            "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
            "document type",
        ),
        ("<a>\n<b>\n</c></a>", "line 3"),
    ] {
        let error = read(text.as_bytes(), None).unwrap_err();
        assert!(error.0.contains(what), "{text}: {error}");
    }
    let deep = "<a>".repeat(200) + &"</a>".repeat(200);
    assert!(
        read(deep.as_bytes(), None)
            .unwrap_err()
            .0
            .contains("deeper than 128")
    );
}

#[test]
fn a_struct_is_read_only_from_an_element_with_members_or_none() {
    let value = read(b"<book><author>Frank</author></book>", None).unwrap();
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Holder {
        author: Author,
    }
    let error = from_value::<Holder>(&value, &Objects::NONE).unwrap_err();
    assert!(error.0.contains("expected struct Author"), "{error}");
}

#[test]
fn a_list_body_with_other_elements_is_an_error() {
    let error = read(b"<books><Magazine/></books>", Some("Book")).unwrap_err();
    assert!(
        error.0.contains("`<Book>`") && error.0.contains("`<Magazine>`"),
        "{error}"
    );
}

#[test]
fn attributes_are_written_in_the_start_tag_escaped_and_left_out_when_null() {
    let author = Author {
        name: "A \"B\" <C>\tD".into(),
        alive: None,
        prizes: None,
    };
    let (text, back) = round_trip("author", None, &author);
    assert_eq!(
        text,
        "<author name=\"A &quot;B&quot; &lt;C&gt;&#9;D\"></author>"
    );
    assert_eq!(back.name, author.name);
    assert_eq!(back.alive, None);
}

#[test]
fn a_list_of_one_object_of_one_member_is_not_taken_for_a_wrapped_list() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Line {
        sku: String,
    }
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Order {
        lines: Vec<Line>,
    }
    let order = Order {
        lines: vec![Line { sku: "A".into() }],
    };
    let (text, back) = round_trip("order", None, &order);
    assert_eq!(text, "<order><lines><sku>A</sku></lines></order>");
    assert_eq!(back, order);
}
