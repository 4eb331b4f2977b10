//! The tenant's country as a list of names in the tenant's language (the
//! browser's `Intl.DisplayNames` gives them), the property's country first;
//! the wire keeps the ISO 3166-1 alpha-2 code. Only codes the server's
//! check accepts are offered. The ordering is pure; the names and the
//! collation come from the browser.

use std::cmp::Ordering;

/// `(code, name)` pairs for every accepted code: `first` (when known) at
/// the top, the others by name as `compare` orders them, codes whose name
/// is unknown by their code.
#[must_use]
pub fn ordered(
    first: &str,
    name_of: impl Fn(&'static str) -> Option<String>,
    mut compare: impl FnMut(&str, &str) -> Ordering,
) -> Vec<(&'static str, String)> {
    // Inserted in order by binary search: a `sort_by` would put a whole
    // sort routine in the wasm for this one list.
    let mut all: Vec<(&'static str, String)> = Vec::with_capacity(250);
    for code in booking_model::country_codes() {
        let name = name_of(code).unwrap_or_else(|| code.to_owned());
        let at = all.partition_point(|(_, other)| compare(other, &name) != Ordering::Greater);
        all.insert(at, (code, name));
    }
    if let Some(at) = all
        .iter()
        .position(|(code, _)| code.eq_ignore_ascii_case(first))
    {
        let home = all.remove(at);
        all.insert(0, home);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(code: &'static str) -> Option<String> {
        match code {
            "FR" => Some("France".into()),
            "DE" => Some("Allemagne".into()),
            "BE" => Some("Belgique".into()),
            "AQ" => None,
            other => Some(format!("Zz {other}")),
        }
    }

    #[test]
    fn the_propertys_country_comes_first_then_names_in_order() {
        let list = ordered("fr", name, |a, b| a.cmp(b));
        assert_eq!(list.len(), 249, "every code the server accepts");
        assert_eq!(list[0], ("FR", "France".to_owned()));
        let names: Vec<&str> = list.iter().map(|(_, n)| n.as_str()).take(4).collect();
        assert_eq!(names, ["France", "AQ", "Allemagne", "Belgique"]);
        assert!(list.iter().filter(|(c, _)| *c == "FR").count() == 1);
    }

    #[test]
    fn an_unknown_home_country_leaves_the_order_alone() {
        let list = ordered("XX", name, |a, b| a.cmp(b));
        assert_eq!(list[0].0, "AQ");
    }
}
