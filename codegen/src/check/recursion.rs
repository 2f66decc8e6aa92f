//! Types that contain themselves by value (`Node { next: Node }`, or `A { b: B }` with
//! `B { a: A }`) have no size in Rust until the cycle goes through a pointer. Every by-value
//! reference inside a cycle is boxed: a struct field or union alternative whose type is a named
//! type of the same strongly connected component. Lists and maps already hold their items on
//! the heap, so they break no cycle and need no box.

use crate::ir::{Ty, TypeDef, TypeKind};

/// Marks `boxed` every field and alternative that holds a type of its own cycle by value.
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    let component = components(types, by_value);
    for (index, def) in types.iter_mut().enumerate() {
        let same = |ty: &Ty| matches!(ty, Ty::Named(j) if component[*j] == component[index]);
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields {
                    f.boxed = same(&f.ty);
                }
            }
            TypeKind::Union(alternatives) => {
                for a in alternatives {
                    a.boxed = same(&a.ty);
                }
            }
            TypeKind::Tagged(tagged) => {
                for a in &mut tagged.alternatives {
                    a.boxed = a.ty.as_ref().is_some_and(same);
                }
            }
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Scalar { .. } => {}
        }
    }
}

/// The named types a value of `def` holds by value (not behind a list or map).
fn by_value(def: &TypeDef) -> Vec<usize> {
    let named = |ty: &Ty| match ty {
        Ty::Named(j) => Some(*j),
        _ => None,
    };
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeKind::Union(alternatives) => alternatives.iter().filter_map(|a| named(&a.ty)).collect(),
        TypeKind::Tagged(tagged) => tagged
            .alternatives
            .iter()
            .filter_map(|a| a.ty.as_ref().and_then(named))
            .collect(),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Scalar { .. } => Vec::new(),
    }
}

/// The named types every value of `def` must hold: a struct's required, non-nullable
/// by-value fields.
fn required(def: &TypeDef) -> Vec<usize> {
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields
            .iter()
            .filter(|f| f.required && !f.nullable)
            .filter_map(|f| match &f.ty {
                Ty::Named(j) => Some(*j),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The types that must hold themselves, by required fields, however deep: no value of them
/// can end. Each cycle once, as the indexes of its types in order.
pub(super) fn endless(types: &[TypeDef]) -> Vec<Vec<usize>> {
    let component = components(types, required);
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    for (index, def) in types.iter().enumerate() {
        let in_cycle = required(def)
            .iter()
            .any(|&j| component[j] == component[index]);
        if !in_cycle {
            continue;
        }
        match cycles
            .iter_mut()
            .find(|c| component[c[0]] == component[index])
        {
            Some(cycle) => cycle.push(index),
            None => cycles.push(vec![index]),
        }
    }
    cycles
}

/// Each type's strongly connected component of the graph `edges_of` draws (Tarjan's
/// algorithm, with an explicit stack so a long chain of types cannot exhaust the thread's
/// stack). A type is in a cycle when its component has another member or it holds itself.
fn components(types: &[TypeDef], edges_of: fn(&TypeDef) -> Vec<usize>) -> Vec<usize> {
    let edges: Vec<Vec<usize>> = types.iter().map(edges_of).collect();
    let mut tarjan = Tarjan {
        index: vec![None; types.len()],
        low: vec![0; types.len()],
        on_stack: vec![false; types.len()],
        stack: Vec::new(),
        component: vec![usize::MAX; types.len()],
        next: 0,
        components: 0,
    };
    for start in 0..types.len() {
        if tarjan.index[start].is_none() {
            tarjan.visit(start, &edges);
        }
    }
    tarjan.component
}

struct Tarjan {
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    component: Vec<usize>,
    next: usize,
    components: usize,
}

impl Tarjan {
    fn visit(&mut self, start: usize, edges: &[Vec<usize>]) {
        // (node, how many of its edges are done)
        let mut work = vec![(start, 0)];
        self.open(start);
        while let Some((node, done)) = work.pop() {
            if let Some(&next) = edges[node].get(done) {
                work.push((node, done + 1));
                match self.index[next] {
                    None => {
                        self.open(next);
                        work.push((next, 0));
                    }
                    Some(seen) if self.on_stack[next] => {
                        self.low[node] = self.low[node].min(seen);
                    }
                    Some(_) => {}
                }
                continue;
            }
            if let Some(&(parent, _)) = work.last() {
                self.low[parent] = self.low[parent].min(self.low[node]);
            }
            if Some(self.low[node]) == self.index[node] {
                self.close(node);
            }
        }
    }

    fn open(&mut self, node: usize) {
        self.index[node] = Some(self.next);
        self.low[node] = self.next;
        self.next += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
    }

    /// Pops `root`'s component off the stack.
    fn close(&mut self, root: usize) {
        while let Some(member) = self.stack.pop() {
            self.on_stack[member] = false;
            self.component[member] = self.components;
            if member == root {
                break;
            }
        }
        self.components += 1;
    }
}
