//! Parses `#[validate(...)]` into rules, recording every mistake in the [`Ctxt`].

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, ExprUnary, Lit, UnOp};

use specgen_rules::{Constant, Derive, Format, Kind, Limit, NumberValue, Pattern, Rule};

use crate::ctxt::Ctxt;
use crate::serde_attr::skip_item;

/// The rules on one field, in the order they run.
#[derive(Default)]
pub(crate) struct Rules {
    /// The table's rules, in the table's order.
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

/// One rule of the table, with its limit and the span of its name so errors point at the
/// attribute.
pub(crate) struct Check {
    pub(crate) span: Span,
    pub(crate) rule: Rule,
    pub(crate) limit: Limit,
}

impl Check {
    /// The rule's name as written in the attribute, for messages.
    fn name(&self) -> String {
        self.rule.derive_name(Some(&self.limit))
    }
}

/// Every rule `#[validate(...)]` takes, as written there, for messages.
fn field_rule_names() -> String {
    let mut names: Vec<String> = Vec::new();
    for rule in Rule::ALL {
        let written: Vec<String> = match rule.definition().derive {
            Derive::Assign => vec![rule.key().to_owned()],
            Derive::Range(_) => vec!["range".to_owned()],
            Derive::FormatWord => Format::ALL
                .iter()
                .map(|f| f.derive_name().to_owned())
                .collect(),
        };
        for name in written {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names.extend(["nested".to_owned(), "custom".to_owned()]);
    names.join(", ")
}

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
    rules.checks.sort_by_key(|check| check.rule);
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
            "unknown validation rule; expected one of: {}",
            field_rule_names()
        )));
    };
    let span = ident.span();
    let name = ident.to_string();
    match name.as_str() {
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
        _ => {}
    }
    let (rule, limit) =
        if let Some(format) = Format::ALL.into_iter().find(|f| f.derive_name() == name) {
            (Rule::Format, flag(meta, Limit::Format(format))?)
        } else if let Some(rule) =
            Rule::from_key(&name).filter(|rule| rule.definition().derive == Derive::Assign)
        {
            (rule, assigned_limit(meta, rule)?)
        } else {
            return Err(meta.error(format_args!(
                "unknown validation rule `{name}`; expected one of: {}",
                field_rule_names()
            )));
        };
    push_check(rules, Check { span, rule, limit })
}

/// The limit of `key = limit`, read as the rule's kind needs it.
fn assigned_limit(meta: &ParseNestedMeta<'_>, rule: Rule) -> syn::Result<Limit> {
    match rule.kind() {
        Kind::Length { .. } | Kind::Items { .. } => {
            Ok(Limit::Count(count_value(meta, rule.key())?))
        }
        Kind::Number { .. } => Ok(Limit::Number(number_value(meta)?)),
        Kind::Pattern { .. } => Ok(Limit::Pattern(pattern_value(meta)?)),
        Kind::Format { .. } => Err(meta.error("a format is written as its own word, e.g. `email`")),
        Kind::Constant { .. } => Ok(Limit::Constant(constant_value(meta)?)),
        Kind::Distinct { .. } => match constant_value(meta)? {
            Constant::Bool(true) => Ok(Limit::Distinct),
            _ => Err(meta.error(format_args!(
                "write `{} = true`, or leave the rule out",
                rule.key()
            ))),
        },
    }
}

fn push_check(rules: &mut Rules, check: Check) -> syn::Result<()> {
    if rules.checks.iter().any(|seen| seen.rule == check.rule) {
        let message = if check.rule == Rule::Format {
            "a field can have only one format".to_owned()
        } else {
            format!("duplicate `{}`", check.name())
        };
        return Err(syn::Error::new(check.span, message));
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
        let rule = Rule::ALL.into_iter().find(|rule| {
            matches!(rule.definition().derive, Derive::Range(name) if bound.path.is_ident(name))
        });
        let Some(rule) = rule else {
            return Err(bound.error("expected `min` or `max`"));
        };
        let limit = Limit::Number(number_value(&bound)?);
        found.push(Check {
            span: bound.path.span(),
            rule,
            limit,
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

fn pattern_value(meta: &ParseNestedMeta<'_>) -> syn::Result<Pattern> {
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
    Pattern::new(&pattern.value())
        .map_err(|error| syn::Error::new(pattern.span(), format_args!("invalid regex: {error}")))
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
fn number_value(meta: &ParseNestedMeta<'_>) -> syn::Result<NumberValue> {
    let expr: Expr = meta.value()?.parse()?;
    number_of(&expr)
}

/// `const = "attached"`, `const = 3`, `const = true`: the one value a field may have.
fn constant_value(meta: &ParseNestedMeta<'_>) -> syn::Result<Constant> {
    let expr: Expr = meta.value()?.parse()?;
    match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Ok(Constant::Text(text.value().into())),
        Expr::Lit(ExprLit {
            lit: Lit::Bool(b), ..
        }) => Ok(Constant::Bool(b.value)),
        _ => number_of(&expr).map(Constant::Number).map_err(|_| {
            syn::Error::new_spanned(
                &expr,
                "expected a string, a number or a boolean, e.g. `const = \"attached\"`",
            )
        }),
    }
}

fn number_of(expr: &Expr) -> syn::Result<NumberValue> {
    let (negative, lit) = match expr {
        Expr::Lit(ExprLit { lit, .. }) => (false, lit),
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr: inner,
            ..
        }) => match &**inner {
            Expr::Lit(ExprLit { lit, .. }) => (true, lit),
            _ => return Err(not_a_number(expr)),
        },
        _ => return Err(not_a_number(expr)),
    };
    match lit {
        Lit::Int(int) => {
            let magnitude: i128 = int.base10_parse()?;
            let value = if negative { -magnitude } else { magnitude };
            // The runtime reports limits as JSON numbers, which hold 64-bit integers.
            if value < i128::from(i64::MIN) || value > i128::from(u64::MAX) {
                return Err(syn::Error::new_spanned(
                    expr,
                    "the bound must fit in 64 bits",
                ));
            }
            Ok(NumberValue::Int(value))
        }
        Lit::Float(float) => {
            let magnitude: f64 = float.base10_parse()?;
            if !magnitude.is_finite() {
                return Err(syn::Error::new_spanned(expr, "the bound must be finite"));
            }
            Ok(NumberValue::Float(if negative {
                -magnitude
            } else {
                magnitude
            }))
        }
        _ => Err(not_a_number(expr)),
    }
}

fn not_a_number(expr: &Expr) -> syn::Error {
    syn::Error::new_spanned(expr, "expected a number, e.g. `min = -1` or `max = 2.5`")
}

/// A lower limit above its upper one (`min_length` over `max_length`) can never be met; say
/// so at compile time.
fn check_consistency(cx: &mut Ctxt, rules: &Rules) {
    for low in &rules.checks {
        let Some(upper) = low.rule.definition().at_most else {
            continue;
        };
        if let Some(high) = rules.checks.iter().find(|check| check.rule == upper)
            && low.limit.exceeds(&high.limit)
        {
            cx.push(syn::Error::new(
                low.span,
                format_args!("`{}` is greater than `{}`", low.name(), high.name()),
            ));
        }
    }
}
