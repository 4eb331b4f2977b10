//! The reference's list paging: `limit` (default 50, at most 200) and
//! `offset`, answered with a `pagination` block of pages. The reference's own
//! client example pages customers with `page`, so `page` (1-based) is taken as
//! well when no `offset` is given.

use std::collections::HashMap;

use serde::Serialize;

use super::store::FieldError;

pub(crate) const DEFAULT_LIMIT: usize = 50;
pub(crate) const MAX_LIMIT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paging {
    pub limit: usize,
    pub offset: usize,
}

impl Default for Paging {
    fn default() -> Self {
        Self {
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

impl Paging {
    /// Reads `limit`, `offset` and `page` (aliases `per_page` for `limit`).
    ///
    /// A `limit` above 200 is refused (422) rather than cut down, so that a
    /// client assuming it got everything finds out in the tests.
    pub(crate) fn from_query(query: &HashMap<String, String>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |field: &str| -> Option<usize> {
            let text = query.get(field)?;
            match text.parse::<usize>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(FieldError::new(field, "must be a whole number"));
                    None
                }
            }
        };
        let limit = number("limit").or_else(|| number("per_page"));
        let offset = number("offset");
        let page = number("page");
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            errors.push(FieldError::new(
                "limit",
                &format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        if page == Some(0) {
            errors.push(FieldError::new("page", "pages start at 1"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let offset = offset.unwrap_or_else(|| page.map_or(0, |p| (p - 1).saturating_mul(limit)));
        Ok(Self { limit, offset })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pagination {
    pub current_page: usize,
    pub total_pages: usize,
    pub total_count: usize,
    pub per_page: usize,
}

#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub data: Vec<T>,
    pub pagination: Pagination,
}

impl<T> Page<T> {
    /// The page of `items` that `paging` selects. An empty list is one empty page.
    pub(crate) fn of(items: impl IntoIterator<Item = T>, paging: Paging) -> Self {
        let items: Vec<T> = items.into_iter().collect();
        let total_count = items.len();
        let data = items
            .into_iter()
            .skip(paging.offset)
            .take(paging.limit)
            .collect();
        Self {
            data,
            pagination: Pagination {
                current_page: paging.offset / paging.limit + 1,
                total_pages: total_count.div_ceil(paging.limit).max(1),
                total_count,
                per_page: paging.limit,
            },
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn pages_by_offset_or_page() {
        let paging = Paging::from_query(&query(&[("limit", "200"), ("offset", "200")])).unwrap();
        let page = Page::of(0..245, paging);
        assert_eq!(page.data.len(), 45);
        assert_eq!(
            page.pagination,
            Pagination {
                current_page: 2,
                total_pages: 2,
                total_count: 245,
                per_page: 200
            }
        );
        let paging = Paging::from_query(&query(&[("limit", "10"), ("page", "3")])).unwrap();
        assert_eq!(paging.offset, 20);
        assert_eq!(Paging::from_query(&query(&[])).unwrap(), Paging::default());
    }

    #[test]
    fn refuses_what_the_reference_does_not_allow() {
        let errors = Paging::from_query(&query(&[("limit", "201")])).unwrap_err();
        assert_eq!(errors[0].field, "limit");
        assert!(Paging::from_query(&query(&[("offset", "-1")])).is_err());
        assert!(Paging::from_query(&query(&[("limit", "0")])).is_err());
    }
}
