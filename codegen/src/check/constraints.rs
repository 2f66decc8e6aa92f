//! Constraints against the type they are written on: each rule applies to the kind of value
//! its table row says, numeric bounds lie within the type's range, lower limits stay under
//! their upper ones, and patterns compile.

use specgen_rules::format::Held;
use specgen_rules::{Constant, Kind, Limit, NumberValue, Numeric, Pattern, Rule};

use super::Cx;
use super::types::{Table, describe};
use crate::diagnostics::Pos;
use crate::ir::{self, Ty};
use crate::parse::ast::{self, LimitSpec};

/// Check constraints against the type they are written on, and resolve them.
pub(crate) fn constraints(
    cx: &mut Cx<'_>,
    file: usize,
    c: &ast::Constraints,
    ty: &Ty,
    table: &Table,
) -> ir::Constraints {
    let mut resolved: Vec<(Pos, ir::Constraint)> = Vec::new();
    for spec in &c.0 {
        let (applies, applies_to) = applies(spec.rule.kind(), ty);
        if !applies {
            let key = spec.rule.key();
            cx.at(file).error_help(
                spec.pos,
                format!("`{key}` does not apply to type {}", describe(ty, table)),
                format!("`{key}` applies to {applies_to}"),
            );
            continue;
        }
        if let (Some(numeric), LimitSpec::Number(bound)) = (ty.numeric(), &spec.limit)
            && !numeric.within(*bound)
        {
            out_of_range(cx, file, spec, numeric, *bound);
            continue;
        }
        if let LimitSpec::Constant(constant) = &spec.limit
            && !constant_fits(constant, ty)
        {
            cx.at(file).error_help(
                spec.pos,
                format!(
                    "`const: {constant}` is no value of type {}",
                    describe(ty, table)
                ),
                "write a value of the field's type",
            );
            continue;
        }
        if let Some(limit) = limit(cx, file, spec) {
            resolved.push((
                spec.pos,
                ir::Constraint {
                    rule: spec.rule,
                    limit,
                },
            ));
        }
    }
    check_order(cx, file, &resolved);
    check_text_rules(cx, file, &resolved);
    ir::Constraints(resolved.into_iter().map(|(_, c)| c).collect())
}

/// A format held other than as its text (`byte` as bytes; `date`, `time` and `date-time` as
/// `time` values with date types) leaves no text for a length or a pattern to look at; the
/// format says what the text is.
fn check_text_rules(cx: &mut Cx<'_>, file: usize, resolved: &[(Pos, ir::Constraint)]) {
    let held = resolved.iter().find_map(|(_, c)| match c.limit {
        Limit::Format(format) if !matches!(format.held(), Held::Text) => Some(format),
        _ => None,
    });
    let Some(format) = held else {
        return;
    };
    let held_as = match format.held() {
        Held::Bytes { .. } => "the bytes it encodes",
        _ => "a `time` value when generated with date types",
    };
    for (pos, c) in resolved {
        if matches!(c.rule.kind(), Kind::Length { .. } | Kind::Pattern { .. }) {
            cx.at(file).error_help(
                *pos,
                format!(
                    "`{}` does not apply to `format: {}`",
                    c.rule.key(),
                    format.as_str()
                ),
                format!(
                    "the value is held as {held_as}, not as text, and the format already says \
                     what its text is: remove `{}`",
                    c.rule.key()
                ),
            );
        }
    }
}

/// Whether a rule of this kind applies to `ty`, and the types it applies to, for messages.
fn applies(kind: &Kind, ty: &Ty) -> (bool, &'static str) {
    match kind {
        Kind::Length { .. } | Kind::Pattern { .. } | Kind::Format { .. } => {
            (*ty == Ty::String, "`string`")
        }
        Kind::Items { .. } => (
            matches!(ty, Ty::List(_) | Ty::Map(..)),
            "`list<…>` and `map<…>`",
        ),
        Kind::Number { .. } => (
            ty.numeric().is_some(),
            "the number types (`int8`…`int64`, `uint8`…`uint64`, `float32`, `number`)",
        ),
        Kind::Constant { .. } => (
            matches!(ty, Ty::String | Ty::Boolean | Ty::Numeric(_)),
            "`string`, `boolean` and the number types",
        ),
        Kind::Distinct { .. } => (matches!(ty, Ty::List(_)), "`list<…>`"),
    }
}

/// Whether a `const` value is of the type it is on: a text on `string`, a number the number
/// type holds, a boolean on `boolean`.
fn constant_fits(constant: &Constant, ty: &Ty) -> bool {
    match (constant, ty) {
        (Constant::Text(_), Ty::String) | (Constant::Bool(_), Ty::Boolean) => true,
        (Constant::Number(n), Ty::Numeric(numeric)) => numeric.holds(*n),
        _ => false,
    }
}

/// A bound outside the range of the type it is on: it either allows values the type cannot
/// hold, or no value at all, so the spec means another type or another bound.
fn out_of_range(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &ast::ConstraintSpec,
    numeric: Numeric,
    bound: NumberValue,
) {
    let name = numeric.name();
    let message = format!(
        "`{}: {bound}` is outside the range of `{name}`, {}",
        spec.rule.key(),
        numeric.values()
    );
    // The narrowest type that holds every value of this one and the bound, of the same sign
    // where there is one.
    let holding = Numeric::ALL
        .into_iter()
        .filter(|t| t.holds_all_of(numeric) && t.within(bound))
        .min_by_key(|t| {
            (
                t.is_unsigned() != numeric.is_unsigned(),
                t.definition().bits,
            )
        });
    let negative = !bound.at_least(NumberValue::Int(0));
    let key = spec.rule.key();
    let help = match (numeric.is_unsigned() && negative, holding) {
        (true, Some(other)) => format!(
            "a `{name}` is never negative: use `{}` for negative values, or a `{key}` of 0 or more",
            other.name()
        ),
        (true, None) => format!("a `{name}` is never negative: use a `{key}` of 0 or more"),
        (false, Some(other)) => format!(
            "use `{}`, which holds it, or a bound within the range",
            other.name()
        ),
        (false, None) => "use a bound within the range".to_owned(),
    };
    cx.at(file).error_help(spec.pos, message, help);
}

/// The limit as the rules use it; a pattern that does not compile is reported.
fn limit(cx: &mut Cx<'_>, file: usize, spec: &ast::ConstraintSpec) -> Option<Limit> {
    match &spec.limit {
        LimitSpec::Count(n) => Some(Limit::Count(*n)),
        LimitSpec::Number(n) => Some(Limit::Number(*n)),
        LimitSpec::Format(f) => Some(Limit::Format(*f)),
        LimitSpec::Constant(c) => Some(Limit::Constant(c.clone())),
        LimitSpec::Distinct => Some(Limit::Distinct),
        LimitSpec::Pattern(source) => match Pattern::new(source) {
            Ok(pattern) => Some(Limit::Pattern(pattern)),
            Err(error) => {
                let detail = error.to_string();
                let last = detail
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("invalid")
                    .trim()
                    .trim_start_matches("error: ");
                cx.at(file).error_help(
                    spec.pos,
                    format!("invalid regular expression in `pattern`: {last}"),
                    "write the pattern in Rust `regex` syntax (look-around and \
                     back-references are read too); quote it in YAML",
                );
                None
            }
        },
    }
}

/// A lower limit over its upper one (`min_length` over `max_length`) can never be met.
fn check_order(cx: &mut Cx<'_>, file: usize, resolved: &[(Pos, ir::Constraint)]) {
    let find = |rule: Rule| resolved.iter().find(|(_, c)| c.rule == rule);
    for (pos, low) in resolved {
        let Some((_, high)) = low.rule.definition().at_most.and_then(find) else {
            continue;
        };
        if low.limit.exceeds(&high.limit) {
            cx.at(file).error_help(
                *pos,
                format!(
                    "`{}` {} is more than `{}` {}",
                    low.rule.key(),
                    low.limit,
                    high.rule.key(),
                    high.limit
                ),
                "swap or correct the two limits",
            );
        }
    }
}
