//! Parses `#[validate(...)]` into rules, recording every mistake in the [`Ctxt`].

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, ExprUnary, Lit, LitStr, UnOp};

use crate::ctxt::Ctxt;
use crate::serde_attr::skip_item;

/// The rules on one field, in the order they run.
#[derive(Default)]
pub(crate) struct Rules {
    /// Length, item-count, range, pattern and format checks, sorted by [`Check::rank`].
    pub(crate) checks: Vec<Check>,
    /// `nested`: recurse into the field's own `Validate`, after the checks.
    pub(crate) nested: Option<Span>,
    /// `custom = path`: functions called last, in the order written.
    pub(crate) custom: Vec<syn::Path>,
}

impl Rules {
    pub(crate) fn is_empty(&self) -> bool {
        self.checks.is_empty() && self.nested.is_none() && self.custom.is_empty()
    }
}

/// One built-in check, with the span of its name so errors point at the attribute.
pub(crate) struct Check {
    pub(crate) span: Span,
    pub(crate) kind: CheckKind,
}

pub(crate) enum CheckKind {
    MinLength(u64),
    MaxLength(u64),
    MinItems(u64),
    MaxItems(u64),
    Minimum(Num),
    Maximum(Num),
    Pattern(LitStr),
    Format(Format),
}

impl CheckKind {
    /// The rule's name as written in the attribute, for duplicate detection and messages.
    fn name(&self) -> &'static str {
        match self {
            CheckKind::MinLength(_) => "min_length",
            CheckKind::MaxLength(_) => "max_length",
            CheckKind::MinItems(_) => "min_items",
            CheckKind::MaxItems(_) => "max_items",
            CheckKind::Minimum(_) => "range(min)",
            CheckKind::Maximum(_) => "range(max)",
            CheckKind::Pattern(_) => "pattern",
            CheckKind::Format(Format::Email) => "email",
            CheckKind::Format(Format::Uuid) => "uuid",
            CheckKind::Format(Format::DateTime) => "date_time",
        }
    }

    /// The numeric limit of a count or range check (0 for the others).
    fn bound(&self) -> Num {
        match self {
            CheckKind::MinLength(n)
            | CheckKind::MaxLength(n)
            | CheckKind::MinItems(n)
            | CheckKind::MaxItems(n) => Num::Int(i128::from(*n)),
            CheckKind::Minimum(n) | CheckKind::Maximum(n) => *n,
            CheckKind::Pattern(_) | CheckKind::Format(_) => Num::Int(0),
        }
    }

    /// Checks run lengths first, then item counts, range, pattern and format.
    fn rank(&self) -> u8 {
        match self {
            CheckKind::MinLength(_) | CheckKind::MaxLength(_) => 0,
            CheckKind::MinItems(_) | CheckKind::MaxItems(_) => 1,
            CheckKind::Minimum(_) | CheckKind::Maximum(_) => 2,
            CheckKind::Pattern(_) => 3,
            CheckKind::Format(_) => 4,
        }
    }
}

/// A numeric range bound; integers stay exact.
#[derive(Clone, Copy)]
pub(crate) enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(value) => value as f64,
            Num::Float(value) => value,
        }
    }

    fn greater_than(self, other: Num) -> bool {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a > b,
            (a, b) => a.as_f64() > b.as_f64(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Email,
    Uuid,
    DateTime,
}

const FIELD_RULES: &str = "max_length, min_length, pattern, min_items, max_items, range, \
                           email, uuid, date_time, nested, custom";

/// Reads the rules of a field from all its `#[validate(...)]` attributes.
pub(crate) fn field_rules(cx: &mut Ctxt, attrs: &[Attribute]) -> Rules {
    let mut rules = Rules::default();
    for attr in validate_attrs(attrs) {
        let parsed = attr.parse_nested_meta(|meta| {
            if let Err(error) = parse_field_rule(&meta, &mut rules) {
                cx.push(error);
            }
            skip_item(meta.input)
        });
        if let Err(error) = parsed {
            cx.push(error);
        }
    }
    check_consistency(cx, &rules);
    // Stable, so rules of one kind keep the order they were written in.
    rules.checks.sort_by_key(|check| check.kind.rank());
    rules
}

/// Reads a variant's `#[validate(unknown)]`, returning the span of `unknown`.
pub(crate) fn variant_unknown(cx: &mut Ctxt, attrs: &[Attribute]) -> Option<Span> {
    let mut unknown = None;
    for attr in validate_attrs(attrs) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("unknown") {
                if unknown.is_some() {
                    cx.push(meta.error("duplicate `unknown`"));
                }
                unknown = Some(meta.path.span());
            } else {
                cx.push(meta.error(
                    "a variant only takes `#[validate(unknown)]`; put field rules on its fields",
                ));
            }
            skip_item(meta.input)
        });
        if let Err(error) = parsed {
            cx.push(error);
        }
    }
    unknown
}

/// The container takes no `#[validate]`: rules belong to fields and variants.
pub(crate) fn reject_container_attrs(cx: &mut Ctxt, attrs: &[Attribute]) {
    for attr in validate_attrs(attrs) {
        cx.error_spanned_by(
            attr,
            "`#[validate]` goes on fields (or `#[validate(unknown)]` on an enum variant), not on the type",
        );
    }
}

fn validate_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("validate"))
}

fn parse_field_rule(meta: &ParseNestedMeta<'_>, rules: &mut Rules) -> syn::Result<()> {
    let Some(ident) = meta.path.get_ident() else {
        return Err(meta.error(format_args!(
            "unknown validation rule; expected one of: {FIELD_RULES}"
        )));
    };
    let span = ident.span();
    let name = ident.to_string();
    let kind = match name.as_str() {
        "max_length" => CheckKind::MaxLength(count_value(meta, &name)?),
        "min_length" => CheckKind::MinLength(count_value(meta, &name)?),
        "min_items" => CheckKind::MinItems(count_value(meta, &name)?),
        "max_items" => CheckKind::MaxItems(count_value(meta, &name)?),
        "pattern" => CheckKind::Pattern(pattern_value(meta)?),
        "email" => flag(meta, CheckKind::Format(Format::Email))?,
        "uuid" => flag(meta, CheckKind::Format(Format::Uuid))?,
        "date_time" => flag(meta, CheckKind::Format(Format::DateTime))?,
        "range" => return parse_range(meta, span, rules),
        "nested" => {
            flag(meta, ())?;
            if rules.nested.is_some() {
                return Err(meta.error("duplicate `nested`"));
            }
            rules.nested = Some(span);
            return Ok(());
        }
        "custom" => {
            rules.custom.push(path_value(meta)?);
            return Ok(());
        }
        "unknown" => {
            return Err(meta.error("`unknown` goes on an enum variant, not on a field"));
        }
        _ => {
            return Err(meta.error(format_args!(
                "unknown validation rule `{name}`; expected one of: {FIELD_RULES}"
            )));
        }
    };
    push_check(rules, Check { span, kind })
}

fn push_check(rules: &mut Rules, check: Check) -> syn::Result<()> {
    let name = check.kind.name();
    if rules.checks.iter().any(|seen| seen.kind.name() == name) {
        return Err(syn::Error::new(
            check.span,
            format_args!("duplicate `{name}`"),
        ));
    }
    if matches!(check.kind, CheckKind::Format(_))
        && rules
            .checks
            .iter()
            .any(|seen| matches!(seen.kind, CheckKind::Format(_)))
    {
        return Err(syn::Error::new(
            check.span,
            "a field can have only one format",
        ));
    }
    rules.checks.push(check);
    Ok(())
}

/// `range(min = X, max = Y)`, each bound optional but not both.
fn parse_range(meta: &ParseNestedMeta<'_>, span: Span, rules: &mut Rules) -> syn::Result<()> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error("expected `range(min = ..., max = ...)`"));
    }
    let mut found = Vec::new();
    meta.parse_nested_meta(|bound| {
        let is_min = bound.path.is_ident("min");
        if !is_min && !bound.path.is_ident("max") {
            return Err(bound.error("expected `min` or `max`"));
        }
        let value = number_value(&bound)?;
        let bound_span = bound.path.span();
        found.push(Check {
            span: bound_span,
            kind: if is_min {
                CheckKind::Minimum(value)
            } else {
                CheckKind::Maximum(value)
            },
        });
        Ok(())
    })?;
    if found.is_empty() {
        return Err(syn::Error::new(span, "`range` needs `min`, `max` or both"));
    }
    for mut check in found {
        // Trait errors for the generated call point at `range`, the rule the user wrote.
        check.span = span;
        push_check(rules, check)?;
    }
    Ok(())
}

/// Rules like `email` or `nested` are bare words.
fn flag<T>(meta: &ParseNestedMeta<'_>, value: T) -> syn::Result<T> {
    if meta.input.is_empty() || meta.input.peek(syn::Token![,]) {
        Ok(value)
    } else {
        Err(meta.error("this rule takes no value"))
    }
}

fn count_value(meta: &ParseNestedMeta<'_>, name: &str) -> syn::Result<u64> {
    let expr: Expr = meta.value()?.parse()?;
    match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(int), ..
        }) if int.suffix().is_empty() => int.base10_parse(),
        _ => Err(syn::Error::new_spanned(
            expr,
            format_args!("expected a non-negative integer, e.g. `{name} = 20`"),
        )),
    }
}

fn pattern_value(meta: &ParseNestedMeta<'_>) -> syn::Result<LitStr> {
    let expr: Expr = meta.value()?.parse()?;
    let Expr::Lit(ExprLit {
        lit: Lit::Str(pattern),
        ..
    }) = expr
    else {
        return Err(syn::Error::new_spanned(
            expr,
            "expected a string literal, e.g. `pattern = \"^[a-z]+$\"`",
        ));
    };
    // Compiled here so a broken pattern fails the build, pointing at the literal,
    // and the generated `expect` can never fire.
    if let Err(error) = regex::Regex::new(&pattern.value()) {
        return Err(syn::Error::new(
            pattern.span(),
            format_args!("invalid regex: {error}"),
        ));
    }
    Ok(pattern)
}

fn path_value(meta: &ParseNestedMeta<'_>) -> syn::Result<syn::Path> {
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => Ok(path.path),
        // serde-style `custom = "path::to::fn"`.
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => lit.parse(),
        other => Err(syn::Error::new_spanned(
            other,
            "expected a function path, e.g. `custom = crate::checks::weekday`",
        )),
    }
}

/// An integer or float literal, optionally negated.
fn number_value(meta: &ParseNestedMeta<'_>) -> syn::Result<Num> {
    let expr: Expr = meta.value()?.parse()?;
    let (negative, lit) = match &expr {
        Expr::Lit(ExprLit { lit, .. }) => (false, lit),
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr: inner,
            ..
        }) => match &**inner {
            Expr::Lit(ExprLit { lit, .. }) => (true, lit),
            _ => return Err(not_a_number(&expr)),
        },
        _ => return Err(not_a_number(&expr)),
    };
    match lit {
        Lit::Int(int) => {
            let magnitude: i128 = int.base10_parse()?;
            let value = if negative { -magnitude } else { magnitude };
            // The runtime reports limits as JSON numbers, which hold 64-bit integers.
            if value < i128::from(i64::MIN) || value > i128::from(u64::MAX) {
                return Err(syn::Error::new_spanned(
                    &expr,
                    "the bound must fit in 64 bits",
                ));
            }
            Ok(Num::Int(value))
        }
        Lit::Float(float) => {
            let magnitude: f64 = float.base10_parse()?;
            if !magnitude.is_finite() {
                return Err(syn::Error::new_spanned(&expr, "the bound must be finite"));
            }
            Ok(Num::Float(if negative { -magnitude } else { magnitude }))
        }
        _ => Err(not_a_number(&expr)),
    }
}

fn not_a_number(expr: &Expr) -> syn::Error {
    syn::Error::new_spanned(expr, "expected a number, e.g. `min = -1` or `max = 2.5`")
}

/// A minimum above its maximum can never be met; say so at compile time.
fn check_consistency(cx: &mut Ctxt, rules: &Rules) {
    let find = |name: &str| rules.checks.iter().find(|check| check.kind.name() == name);
    for (low, high) in [
        ("min_length", "max_length"),
        ("min_items", "max_items"),
        ("range(min)", "range(max)"),
    ] {
        if let (Some(low), Some(high)) = (find(low), find(high))
            && low.kind.bound().greater_than(high.kind.bound())
        {
            cx.push(syn::Error::new(
                low.span,
                format_args!(
                    "`{}` is greater than `{}`",
                    low.kind.name(),
                    high.kind.name()
                ),
            ));
        }
    }
}
