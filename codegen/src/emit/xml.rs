//! What the generated code says of XML bodies: `models::XML_OBJECTS`, each object's members
//! whose XML form is not their JSON one's, and the `specgen_runtime::xml::Form` of a body
//! that the client and the server read and write it in.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Field, Service, Ty, TypeKind, XmlNames};

/// `XML_OBJECTS`, for a service with XML bodies: by each object's Rust name, its required
/// lists (which a document leaves out when empty), its members written as attributes, its
/// lists wrapped in an element of their own, and its members named otherwise.
pub(super) fn objects(service: &Service) -> TokenStream {
    if !service.has_xml() {
        return TokenStream::new();
    }
    let entries = service.types.iter().filter_map(|def| {
        let TypeKind::Struct { fields, .. } = &def.kind else {
            return None;
        };
        let lists: Vec<&str> = fields
            .iter()
            .filter(|f| is_required_list(service, f))
            .map(|f| f.wire.as_str())
            .collect();
        let attributes: Vec<&str> = fields
            .iter()
            .filter(|f| f.xml_attribute)
            .map(|f| f.wire.as_str())
            .collect();
        let renamed = pairs(fields, |f| f.xml_name.as_deref());
        let wrapped = pairs(fields, |f| f.xml_item.as_deref());
        let name = &def.name;
        let says = !lists.is_empty()
            || !attributes.is_empty()
            || !wrapped.is_empty()
            || !renamed.is_empty();
        says.then(|| {
            quote! {
                specgen_runtime::xml::Object {
                    name: #name,
                    lists: &[#(#lists),*],
                    attributes: &[#(#attributes),*],
                    wrapped: &[#(#wrapped),*],
                    renamed: &[#(#renamed),*],
                }
            }
        })
    });
    quote! {
        /// What XML says of each object that JSON does not, by the object's Rust name: its
        /// required lists (a document leaves a list out when it is empty), and its members
        /// written as attributes.
        pub static XML_OBJECTS: specgen_runtime::xml::Objects =
            specgen_runtime::xml::Objects(&[#(#entries),*]);
    }
}

/// `(member, name)` for each field `name_of` gives a name in XML.
fn pairs(fields: &[Field], name_of: impl Fn(&Field) -> Option<&str>) -> Vec<TokenStream> {
    fields
        .iter()
        .filter_map(|f| {
            let name = name_of(f)?;
            let wire = &f.wire;
            Some(quote!((#wire, #name)))
        })
        .collect()
}

/// Whether the field is a list that must be there (a named scalar of a list included), which
/// XML leaves out when it is empty.
fn is_required_list(service: &Service, field: &Field) -> bool {
    let list = match &field.ty {
        Ty::List(_) => true,
        Ty::Named(index) => matches!(
            &service.types[*index].kind,
            TypeKind::Scalar {
                ty: Ty::List(_),
                ..
            }
        ),
        _ => false,
    };
    // A wrapped list is there when empty: its element, without items.
    list && field.required && !field.nullable && field.default.is_none() && field.xml_item.is_none()
}

/// The `specgen_runtime::xml::Form` of a body with the XML names `names` (a body of no XML
/// form is in `<result>`).
pub(super) fn form(names: Option<&XmlNames>) -> TokenStream {
    let (root, item) = match names {
        Some(names) => (names.root.as_str(), names.item.as_deref()),
        None => ("result", None),
    };
    let item = super::option(item);
    quote! {
        specgen_runtime::xml::Form {
            root: #root,
            item: #item,
            objects: &super::models::XML_OBJECTS,
        }
    }
}
