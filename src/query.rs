//! A page URL's query string (`?size=…&promo=SPRING`), read the way
//! `URLSearchParams` reads it: `+` is a space, `%XX` an escaped byte.
//! Pure, so deep links and attribution are tested natively.

/// The `(name, value)` pairs, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// From `location.search`, with or without its `?`.
    #[must_use]
    pub fn parse(search: &str) -> Self {
        Self(
            search
                .trim_start_matches('?')
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(name), decode(value))
                })
                .collect(),
        )
    }

    /// The first value of `name`, if given and not blank.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(high), Some(low)) => {
                        // Two hex digits are at most 255.
                        out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_url_search_params() {
        let q = Query::parse(
            "?promo=SPRING+SALE&moveIn=2024-02-10&name=Camille%20No%C3%A9&empty=&flag&promo=LATER",
        );
        assert_eq!(q.get("promo"), Some("SPRING SALE"), "the first wins");
        assert_eq!(q.get("moveIn"), Some("2024-02-10"));
        assert_eq!(q.get("name"), Some("Camille Noé"));
        assert_eq!(q.get("empty"), None);
        assert_eq!(q.get("flag"), None);
        assert_eq!(q.get("absent"), None);
        assert_eq!(q.pairs().count(), 6);
    }

    #[test]
    fn broken_escapes_are_kept_as_text() {
        assert_eq!(Query::parse("a=100%&b=%zz&c=%4").get("a"), Some("100%"));
        assert_eq!(Query::parse("b=%zz").get("b"), Some("%zz"));
        assert_eq!(Query::parse("c=%4").get("c"), Some("%4"));
        assert_eq!(Query::parse("").pairs().count(), 0);
    }
}
