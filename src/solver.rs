//! Root causes: the identities of tables 三 and 四 (`crate::identities`) and the figures the
//! prose states (`crate::prose`) as one system.
//!
//! A broken identity or prose figure is *explained* by a cell when changing that one cell would
//! make every identity it takes part in hold, keep every prose figure about it right, and leave
//! the cell a non-negative count. The broken items are split into independent groups (items
//! linked by a cell that could explain them together); in each group the solver looks for the
//! smallest set of cells explaining every item, each item by exactly one cell. When that set is
//! unique, its cells are the mistakes: a table cell is reported once (GX300) naming every
//! identity it breaks, and the identities and prose figures it explains are not reported again;
//! a prose figure in the set is the prose's mistake (GX601–GX603). Where the set is not unique
//! (a total and one of its addends cannot be told apart) or does not exist, nothing is explained
//! and the broken identities are reported as they are.

use std::collections::HashMap;

use crate::diagnostic::Span;
use crate::document::{Document, TableKind};
use crate::identities::{self, CellRef, Identity};
use crate::prose::{self, Fact};

/// A cell found to be the one mistyped figure behind some broken identities.
#[derive(Debug, Clone)]
pub struct Culprit {
    pub table: TableKind,
    pub cell: CellRef,
    pub span: Span,
    pub actual: i64,
    /// The value that makes its identities hold (and agrees with the prose).
    pub expected: i64,
    /// Indexes into `Solution::identities`: every identity it breaks.
    pub identities: Vec<usize>,
    /// Indexes into `Solution::facts`: the prose figures that agree with `expected`.
    pub facts: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Solution {
    pub identities: Vec<Identity>,
    /// `Σ lhs - Σ rhs` per identity (None when a cell cannot be read).
    pub residuals: Vec<Option<i64>>,
    pub facts: Vec<Fact>,
    pub fact_holds: Vec<bool>,
    pub culprits: Vec<Culprit>,
    /// Per identity: the culprit explaining it.
    pub identity_culprit: Vec<Option<usize>>,
    /// Per fact: the table culprit it agrees with (the prose is right, the table cell wrong).
    pub fact_culprit: Vec<Option<usize>>,
}

impl Solution {
    /// Whether identity `i` is broken (evaluable and not holding).
    pub fn broken(&self, i: usize) -> bool {
        self.residuals[i].is_some_and(|r| r != 0)
    }
    /// The culprit at a cell, if any.
    pub fn culprit_at(&self, table: TableKind, cell: CellRef) -> Option<&Culprit> {
        self.culprits
            .iter()
            .find(|c| c.table == table && c.cell == cell)
    }
}

fn key(table: TableKind, c: CellRef) -> (u8, CellRef) {
    (table.section(), c)
}

/// A way to explain some broken items: change a table cell by `delta`, or correct a prose figure.
#[derive(Debug, Clone)]
struct Candidate {
    cell: Option<(TableKind, CellRef, i64)>,
    /// Item indexes: identities `0..ni`, facts `ni..`.
    items: Vec<usize>,
    facts_fixed: Vec<usize>,
}

/// Solve the system of a document.
pub fn solve(doc: &Document<'_>) -> Solution {
    let ids = identities::declare(doc);
    let residuals: Vec<Option<i64>> = ids.iter().map(|i| identities::residual(doc, i)).collect();
    let facts = prose::facts(doc);
    let raw = |table: TableKind, c: CellRef| doc.table(table).and_then(|t| prose::cell_value(t, c));
    let fact_holds: Vec<bool> = facts
        .iter()
        .map(|f| f.holds_with(|c| raw(f.table, c)))
        .collect();
    let ni = ids.len();
    let mut sol = Solution {
        identity_culprit: vec![None; ni],
        fact_culprit: vec![None; facts.len()],
        identities: ids,
        residuals,
        facts,
        fact_holds,
        culprits: Vec::new(),
    };
    let broken_ids: Vec<usize> = (0..ni).filter(|&i| sol.broken(i)).collect();
    let broken_facts: Vec<usize> = (0..sol.facts.len())
        .filter(|&f| !sol.fact_holds[f])
        .collect();
    if broken_ids.is_empty() {
        // Nothing in the tables to explain: every broken prose figure is the prose's.
        return sol;
    }

    // Which identities and facts each cell takes part in.
    let mut in_ids: HashMap<(u8, CellRef), Vec<usize>> = HashMap::new();
    for (i, id) in sol.identities.iter().enumerate() {
        for c in id.cells() {
            in_ids.entry(key(id.table, c)).or_default().push(i);
        }
    }
    let mut in_facts: HashMap<(u8, CellRef), Vec<usize>> = HashMap::new();
    for (f, fact) in sol.facts.iter().enumerate() {
        let mut cells: Vec<CellRef> = fact.alts.iter().flatten().copied().collect();
        cells.sort();
        cells.dedup();
        for c in cells {
            in_facts.entry(key(fact.table, c)).or_default().push(f);
        }
    }

    // Candidates: every cell of a broken identity that could alone fix all its identities.
    let mut cells: Vec<(TableKind, CellRef)> = broken_ids
        .iter()
        .flat_map(|&i| {
            let id = &sol.identities[i];
            id.cells().map(move |c| (id.table, c))
        })
        .collect();
    cells.sort_by_key(|&(t, c)| key(t, c));
    cells.dedup();
    let mut cands: Vec<Candidate> = Vec::new();
    for (table, c) in cells {
        let Some(v) = identities::value(doc, table, c) else {
            continue;
        };
        let mut delta: Option<i64> = None;
        let mut ok = true;
        let mut items = Vec::new();
        for &i in in_ids.get(&key(table, c)).map_or(&[][..], Vec::as_slice) {
            let Some(r) = sol.residuals[i] else { continue };
            if r == 0 {
                ok = false;
                break;
            }
            let d = -r * sol.identities[i].coef(c);
            if delta.is_some_and(|x| x != d) {
                ok = false;
                break;
            }
            delta = Some(d);
            items.push(i);
        }
        let Some(d) = delta else { continue };
        if !ok || v + d < 0 {
            continue;
        }
        let mut facts_fixed = Vec::new();
        for &f in in_facts.get(&key(table, c)).map_or(&[][..], Vec::as_slice) {
            let fact = &sol.facts[f];
            let after = fact.holds_with(|x| {
                let base = raw(fact.table, x)?;
                Some(if fact.table == table && x == c {
                    base + d
                } else {
                    base
                })
            });
            if sol.fact_holds[f] && !after {
                ok = false;
                break;
            }
            if !sol.fact_holds[f] && after {
                facts_fixed.push(f);
                items.push(ni + f);
            }
        }
        if ok {
            cands.push(Candidate {
                cell: Some((table, c, d)),
                items,
                facts_fixed,
            });
        }
    }
    for &f in &broken_facts {
        cands.push(Candidate {
            cell: None,
            items: vec![ni + f],
            facts_fixed: Vec::new(),
        });
    }

    // Independent groups of broken items.
    let all: Vec<usize> = broken_ids
        .iter()
        .copied()
        .chain(broken_facts.iter().map(|&f| ni + f))
        .collect();
    let n_items = ni + sol.facts.len();
    let mut parent: Vec<usize> = (0..n_items).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let n = p[y];
            p[y] = r;
            y = n;
        }
        r
    }
    for cand in &cands {
        for w in cand.items.windows(2) {
            let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            parent[a] = b;
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for &it in &all {
        let r = find(&mut parent, it);
        groups.entry(r).or_default().push(it);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort();

    for group in groups {
        // Only groups with a broken identity need explaining.
        if !group.iter().any(|&it| it < ni) {
            continue;
        }
        let gc: Vec<usize> = (0..cands.len())
            .filter(|&k| cands[k].items.iter().all(|it| group.contains(it)))
            .collect();
        let Some(cover) = unique_cover(&group, &cands, &gc) else {
            continue;
        };
        for k in cover {
            let cand = &cands[k];
            let Some((table, cell, d)) = cand.cell else {
                continue;
            };
            let (Some(v), Some(span)) = (
                identities::value(doc, table, cell),
                identities::span(doc, table, cell),
            ) else {
                continue;
            };
            let idx = sol.culprits.len();
            let ids: Vec<usize> = cand.items.iter().copied().filter(|&i| i < ni).collect();
            for &i in &ids {
                sol.identity_culprit[i] = Some(idx);
            }
            for &f in &cand.facts_fixed {
                sol.fact_culprit[f] = Some(idx);
            }
            sol.culprits.push(Culprit {
                table,
                cell,
                span,
                actual: v,
                expected: v + d,
                identities: ids,
                facts: cand.facts_fixed.clone(),
            });
        }
    }
    sol.culprits.sort_by_key(|c| c.span.start);
    // Re-index after sorting.
    for i in sol.identity_culprit.iter_mut() {
        *i = None;
    }
    for f in sol.fact_culprit.iter_mut() {
        *f = None;
    }
    for (k, c) in sol.culprits.iter().enumerate() {
        for &i in &c.identities {
            sol.identity_culprit[i] = Some(k);
        }
        for &f in &c.facts {
            sol.fact_culprit[f] = Some(k);
        }
    }
    sol
}

/// The smallest set of candidates covering every item of `group` exactly once, when there is
/// exactly one such set of that size. Gives up (None) on large searches.
fn unique_cover(group: &[usize], cands: &[Candidate], gc: &[usize]) -> Option<Vec<usize>> {
    struct Search<'a> {
        cands: &'a [Candidate],
        gc: &'a [usize],
        best: usize,
        found: Vec<Vec<usize>>,
        budget: usize,
    }
    impl Search<'_> {
        fn go(&mut self, open: &mut Vec<usize>, chosen: &mut Vec<usize>) {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            if chosen.len() > self.best {
                return;
            }
            let Some(&first) = open.first() else {
                if chosen.len() < self.best {
                    self.best = chosen.len();
                    self.found.clear();
                }
                if self.found.len() < 2 {
                    self.found.push(chosen.clone());
                }
                return;
            };
            if chosen.len() == self.best {
                return;
            }
            for &k in self.gc {
                let c = &self.cands[k];
                if !c.items.contains(&first) || !c.items.iter().all(|it| open.contains(it)) {
                    continue;
                }
                let saved = open.clone();
                open.retain(|it| !c.items.contains(it));
                chosen.push(k);
                self.go(open, chosen);
                chosen.pop();
                *open = saved;
            }
        }
    }
    let mut s = Search {
        cands,
        gc,
        best: usize::MAX,
        found: Vec::new(),
        budget: 20_000,
    };
    let mut open = group.to_vec();
    open.sort();
    s.go(&mut open, &mut Vec::new());
    if s.budget == 0 || s.found.len() != 1 {
        return None;
    }
    s.found.pop()
}
