//! What a marketing link asks the widget for (`?size=…&promo=SPRING&moveIn=…`,
//! README "Deep links"): read from the page URL's query parameters once;
//! `draft` applies it to the form, the listing to its filters. Pure.

use booking_model::Mode;
use pricing::Period;

use crate::listing_view::SortKey;

/// The query parameters the widget understands; absent or empty ones are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeepLink {
    pub size: Option<String>,
    pub price: Option<String>,
    pub mode: Option<Mode>,
    pub move_in: Option<String>,
    /// Checked against the property's periods when applied.
    pub period: Option<Period>,
    pub insurance: Option<String>,
    pub promo: Option<String>,
    /// The size group shown (`0`: all).
    pub group: Option<i64>,
    pub sort: Option<SortKey>,
}

impl DeepLink {
    /// From `(name, value)` pairs (the page URL's `URLSearchParams`); the
    /// first of a repeated parameter wins, unknown values are ignored.
    pub fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut link = Self::default();
        for (name, value) in pairs {
            let value = value.as_ref().trim();
            if value.is_empty() {
                continue;
            }
            let text = || Some(value.to_owned());
            match name.as_ref() {
                "size" => link.size = link.size.take().or_else(text),
                "price" => link.price = link.price.take().or_else(text),
                "promo" => link.promo = link.promo.take().or_else(text),
                "insurance" => link.insurance = link.insurance.take().or_else(text),
                "moveIn" => link.move_in = link.move_in.take().or_else(text),
                "mode" => {
                    link.mode = link.mode.or(match value.to_ascii_uppercase().as_str() {
                        "RENT" => Some(Mode::Rent),
                        "BOOK" => Some(Mode::Book),
                        _ => None,
                    });
                }
                "period" => {
                    link.period = link
                        .period
                        .or_else(|| Period::from_wire(&value.to_ascii_uppercase()));
                }
                "group" => link.group = link.group.or_else(|| value.parse().ok()),
                "sort" => link.sort = link.sort.or(Some(SortKey::parse(value))),
                _ => {}
            }
        }
        link
    }

    /// The group to show first: the link's, else the embedder's; `None`
    /// for all groups.
    #[must_use]
    pub fn group_or(&self, embedder: Option<i64>) -> Option<i64> {
        self.group.or(embedder).filter(|g| *g != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_parameter_and_ignores_the_rest() {
        let link = DeepLink::parse([
            ("size", "s"),
            ("price", "p"),
            ("mode", "Book"),
            ("moveIn", "2024-03-01"),
            ("period", "quarterly"),
            ("insurance", "plan"),
            ("promo", " SPRING "),
            ("group", "2"),
            ("sort", "price-desc"),
            ("utm_source", "newsletter"),
        ]);
        assert_eq!(
            link,
            DeepLink {
                size: Some("s".into()),
                price: Some("p".into()),
                mode: Some(Mode::Book),
                move_in: Some("2024-03-01".into()),
                period: Some(Period::Quarterly),
                insurance: Some("plan".into()),
                promo: Some("SPRING".into()),
                group: Some(2),
                sort: Some(SortKey::PriceDesc),
            }
        );
    }

    #[test]
    fn empty_unknown_and_repeated_values() {
        let link = DeepLink::parse([
            ("promo", ""),
            ("mode", "LEASE"),
            ("period", "weekly"),
            ("group", "small"),
            ("size", "first"),
            ("size", "second"),
        ]);
        assert_eq!(link.promo, None);
        assert_eq!(link.mode, None);
        assert_eq!(link.period, None);
        assert_eq!(link.group, None);
        assert_eq!(link.size.as_deref(), Some("first"));
        assert_eq!(
            DeepLink::parse([("sort", "nonsense")]).sort,
            Some(SortKey::Size)
        );
    }

    #[test]
    fn the_links_group_wins_and_zero_means_all() {
        assert_eq!(DeepLink::parse([("group", "3")]).group_or(Some(2)), Some(3));
        assert_eq!(DeepLink::default().group_or(Some(2)), Some(2));
        assert_eq!(DeepLink::parse([("group", "0")]).group_or(Some(2)), None);
    }
}
