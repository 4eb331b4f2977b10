//! The mails themselves: plain text and HTML (every value escaped) as
//! `multipart/alternative`, the move-in as an iCalendar attachment, in the
//! booking's language, amounts written from the quote's decimals.

use booking_model::{calendar, format_money, Selection, Tenant};
use chrono::NaiveDate;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::Message;
use pricing::{Amount, Category, Currency, Period, Quote};

use super::texts::{fill, Lang, Texts};
use super::Mailer;
use crate::catalogue::CatalogueProperty;
use crate::db::NewMail;

/// What a booking's mails tell.
#[derive(Debug, Clone, Copy)]
pub struct BookingFacts<'a> {
    pub id: &'a str,
    pub transact_id: &'a str,
    pub selection: &'a Selection,
    pub quote: &'a Quote,
    pub tenant: &'a Tenant,
    pub property: &'a CatalogueProperty,
    /// The language the booking asked for; the property's otherwise.
    pub language: Option<Lang>,
}

impl BookingFacts<'_> {
    /// The tenant's language, and the locale amounts are written in.
    fn tenant_language(&self) -> (Lang, &str) {
        match self.language {
            Some(lang) => (lang, lang.code()),
            None => {
                let locale = self.property.details.locale.as_str();
                (Lang::of(locale), locale)
            }
        }
    }
}

/// A label and its value.
type Row = (String, String);

/// The booking's facts and amounts, as rows, in one language.
fn summary(facts: &BookingFacts<'_>, lang: Lang, locale: &str) -> (Vec<Row>, Vec<Row>) {
    let t = lang.t();
    let (unit_name, dims) = unit(facts);
    let mut details = vec![
        (t.reference.to_owned(), facts.transact_id.to_owned()),
        (t.unit.to_owned(), unit_name),
    ];
    if let Some(dims) = dims {
        details.push((t.dimensions.to_owned(), dims));
    }
    details.push((t.move_in.to_owned(), date(facts.quote.move_in_date, lang)));
    (details, amounts(facts, t, locale))
}

/// A mail being written: its lines as text and as HTML.
struct Body {
    text: String,
    html: String,
}

impl Body {
    fn new() -> Self {
        Self {
            text: String::new(),
            html: String::from("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"),
        }
    }

    fn para(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push_str("\n\n");
        self.html.push_str(&format!("<p>{}</p>", escape(line)));
    }

    fn heading(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
        self.html.push_str(&format!("<h3>{}</h3>", escape(line)));
    }

    /// Label: value rows.
    fn table(&mut self, rows: &[(String, String)]) {
        self.html.push_str("<table>");
        for (label, value) in rows {
            self.text.push_str(&format!("{label}: {value}\n"));
            self.html.push_str(&format!(
                "<tr><th style=\"text-align:left\">{}</th><td style=\"text-align:right\">{}</td></tr>",
                escape(label),
                escape(value)
            ));
        }
        self.html.push_str("</table>");
        self.text.push('\n');
    }

    fn finish(mut self) -> (String, String) {
        self.html.push_str("</body></html>");
        (self.text, self.html)
    }
}

/// HTML-escapes a value (text and attribute contexts alike).
#[must_use]
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn money(amount: Amount, currency: Currency, locale: &str) -> String {
    format_money(amount.value(), currency, locale)
}

fn period_words(t: &Texts, period: Period) -> &'static str {
    match period {
        Period::Monthly => t.periods[0],
        Period::Quarterly => t.periods[1],
        Period::HalfYearly => t.periods[2],
        Period::Yearly => t.periods[3],
    }
}

fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%Y-%m-%d").to_string(),
        Lang::Fr | Lang::Es | Lang::Nl => d.format("%d/%m/%Y").to_string(),
        Lang::De => d.format("%d.%m.%Y").to_string(),
    }
}

/// The unit's name and dimensions, as the catalogue has them.
fn unit(facts: &BookingFacts<'_>) -> (String, Option<String>) {
    let storage = facts
        .property
        .storages
        .iter()
        .find(|s| s.id == facts.selection.storage_info_id);
    let size = storage.and_then(|s| {
        s.sizes
            .iter()
            .find(|z| z.storage_space_size_info_id == facts.selection.storage_space_size_info_id)
    });
    let name = match (storage, size) {
        (Some(s), Some(z)) => format!("{} {}", s.name, z.storage_size_group_info_name),
        (Some(s), None) => s.name.clone(),
        _ => String::new(),
    };
    let dims = size.map(|z| {
        let m = &z.scale_metrics;
        format!(
            "{} × {} × {} {m} ({} {m}²)",
            z.width.0.normalize(),
            z.length.0.normalize(),
            z.height.0.normalize(),
            z.surface.0.normalize()
        )
    });
    (name, dims)
}

/// The office: address and phone, then its week's hours.
fn office(body: &mut Body, property: &CatalogueProperty, t: &Texts) {
    let p = &property.details.property;
    let mut rows = vec![(
        t.office.to_owned(),
        format!("{}, {}, {} {}", p.name, p.address, p.postal_code, p.city),
    )];
    if let Some(phone) = &p.contact_number {
        rows.push((t.phone.to_owned(), phone.clone()));
    }
    body.table(&rows);
    let hours: Vec<Row> = p
        .property_office_opening_hours_info_list
        .iter()
        .flatten()
        .map(|day| {
            let name = match usize::try_from(day.day_of_week) {
                Ok(i) => t.days.get(i).copied().unwrap_or_default().to_owned(),
                Err(_) => t.holidays.to_owned(),
            };
            let hours = if day.is_closed {
                t.closed.to_owned()
            } else {
                [&day.first_time_slot, &day.second_time_slot]
                    .into_iter()
                    .flatten()
                    .map(|slot| slot.replace(" To ", "–"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (name, hours)
        })
        .collect();
    if !hours.is_empty() {
        body.heading(t.hours);
        body.table(&hours);
    }
}

/// The move-in as an all-day event at the property: the same event the
/// widget's confirmation offers (`booking_model::calendar`).
fn move_in_ics(facts: &BookingFacts<'_>, t: &Texts) -> String {
    let p = &facts.property.details.property;
    let summary = fill(t.calendar_summary, &[("property", &p.name)]);
    let location = format!("{}, {} {}", p.address, p.postal_code, p.city);
    let description = format!("{}: {}", t.reference, facts.transact_id);
    calendar::ics(&calendar::MoveIn {
        uid: &format!("{}@booking-api", facts.id),
        date: facts.quote.move_in_date,
        summary: &summary,
        location: &location,
        description: Some(&description),
        stamp: chrono::Utc::now(),
    })
}

/// The quote's first invoice, line by line, with the total due, the
/// deposit and what follows each period.
fn amounts(facts: &BookingFacts<'_>, t: &Texts, locale: &str) -> Vec<(String, String)> {
    let q = facts.quote;
    let mut rows: Vec<(String, String)> = q
        .pro_rata
        .lines
        .iter()
        .map(|line| {
            (
                line.description.clone(),
                money(line.gross, q.currency, locale),
            )
        })
        .collect();
    rows.push((
        t.total_due.to_owned(),
        money(q.due_at_move_in, q.currency, locale),
    ));
    let deposit: Vec<Amount> = q
        .pro_rata
        .lines
        .iter()
        .filter(|l| l.category == Category::Deposit)
        .map(|l| l.gross)
        .collect();
    if let Some(first) = deposit.first() {
        let total = deposit
            .iter()
            .skip(1)
            .try_fold(*first, |sum, a| sum.checked_add(*a, "deposit").ok())
            .unwrap_or(*first);
        rows.push((t.deposit.to_owned(), money(total, q.currency, locale)));
    }
    rows.push((
        fill(t.then_every, &[("period", period_words(t, q.period))]),
        money(q.recurring_gross_amount, q.currency, locale),
    ));
    rows
}

impl Mailer {
    /// Renders a message to `to`; `None` (logged) if an address does not parse.
    fn render(
        &self,
        kind: &'static str,
        to: &str,
        subject: &str,
        body: Body,
        ics: Option<String>,
    ) -> Option<NewMail> {
        let id = uuid::Uuid::new_v4().to_string();
        let Ok(mailbox) = to.parse::<Mailbox>() else {
            tracing::warn!(mail_id = %id, kind, "the recipient's address cannot be mailed; no mail");
            return None;
        };
        let (text, html) = body.finish();
        let alternative = MultiPart::alternative_plain_html(text, html);
        let builder = Message::builder()
            .message_id(Some(format!("<{id}@{}>", self.domain())))
            .from(self.from.clone())
            .to(mailbox)
            .subject(subject);
        let built = match ics {
            Some(ics) => {
                let calendar = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                    .unwrap_or(ContentType::TEXT_PLAIN);
                builder.multipart(
                    MultiPart::mixed()
                        .multipart(alternative)
                        .singlepart(Attachment::new("move-in.ics".to_owned()).body(ics, calendar)),
                )
            }
            None => builder.multipart(alternative),
        };
        let message = match built.map(|m| String::from_utf8(m.formatted())) {
            Ok(Ok(message)) => message,
            Ok(Err(e)) => {
                tracing::error!(mail_id = %id, kind, error = %e, "a rendered mail is not UTF-8; no mail");
                return None;
            }
            Err(e) => {
                tracing::error!(mail_id = %id, kind, error = %e, "cannot build a mail; no mail");
                return None;
            }
        };
        Some(NewMail {
            id,
            kind,
            recipient: to.to_owned(),
            message,
        })
    }

    /// The tenant's confirmation and the desk's notice of a new booking.
    #[must_use]
    pub fn booking_mails(&self, facts: &BookingFacts<'_>) -> Vec<NewMail> {
        let (lang, locale) = facts.tenant_language();
        let t = lang.t();
        let property = &facts.property.details.property.name;
        let (details, amounts) = summary(facts, lang, locale);

        let mut mails = Vec::new();
        let mut body = Body::new();
        body.para(&fill(t.greeting, &[("name", &facts.tenant.first_name)]));
        body.para(t.confirmation_intro);
        body.table(&details);
        body.heading(t.first_invoice);
        body.table(&amounts);
        office(&mut body, facts.property, t);
        body.para(&format!("{}\n{property}", t.sign_off));
        let subject = fill(
            t.confirmation_subject,
            &[("ref", facts.transact_id), ("property", property)],
        );
        mails.extend(self.render(
            "booking.confirmation",
            &facts.tenant.email,
            &subject,
            body,
            Some(move_in_ics(facts, t)),
        ));

        if let Some(desk) = &facts.property.notification_email {
            // The desk reads the property's language.
            let locale = facts.property.details.locale.as_str();
            let t = Lang::of(locale).t();
            let (mut rows, amounts) = summary(facts, Lang::of(locale), locale);
            let tenant = facts.tenant;
            let mut body = Body::new();
            body.para(t.notice_intro);
            rows.push((
                t.tenant.to_owned(),
                format!(
                    "{} {}, {}, {} {}",
                    tenant.first_name,
                    tenant.last_name,
                    tenant.address,
                    tenant.postal_code,
                    tenant.city
                ),
            ));
            rows.push(("E-mail".to_owned(), tenant.email.clone()));
            rows.push((t.phone.to_owned(), tenant.phone_number.clone()));
            body.table(&rows);
            body.heading(t.first_invoice);
            body.table(&amounts);
            let subject = fill(t.notice_subject, &[("ref", facts.transact_id)]);
            mails.extend(self.render("booking.notice", desk, &subject, body, None));
        }
        mails
    }

    /// The tenant's word that their booking is cancelled.
    #[must_use]
    pub fn cancellation_mail(&self, facts: &BookingFacts<'_>) -> Option<NewMail> {
        let (lang, _) = facts.tenant_language();
        let t = lang.t();
        let property = &facts.property.details.property.name;
        let mut body = Body::new();
        body.para(&fill(t.greeting, &[("name", &facts.tenant.first_name)]));
        body.para(&fill(
            t.cancellation_body,
            &[
                ("ref", facts.transact_id),
                ("property", property),
                ("date", &date(facts.quote.move_in_date, lang)),
            ],
        ));
        office(&mut body, facts.property, t);
        body.para(&format!("{}\n{property}", t.sign_off));
        let subject = fill(t.cancellation_subject, &[("ref", facts.transact_id)]);
        self.render(
            "booking.cancellation",
            &facts.tenant.email,
            &subject,
            body,
            None,
        )
    }

    /// The acknowledgement of a waiting-list entry.
    #[must_use]
    pub fn waiting_list_mail(
        &self,
        property: &CatalogueProperty,
        selection: &Selection,
        first_name: &str,
        email: &str,
    ) -> Option<NewMail> {
        let lang = Lang::of(&property.details.locale);
        let t = lang.t();
        let name = &property.details.property.name;
        let size = property
            .storages
            .iter()
            .flat_map(|s| &s.sizes)
            .find(|z| z.storage_space_size_info_id == selection.storage_space_size_info_id)
            .map(|z| format!("{} {}²", z.surface.0.normalize(), z.scale_metrics))
            .unwrap_or_default();
        let mut body = Body::new();
        body.para(&fill(t.greeting, &[("name", first_name)]));
        body.para(&fill(
            t.waiting_body,
            &[("unit", &size), ("property", name)],
        ));
        office(&mut body, property, t);
        body.para(&format!("{}\n{name}", t.sign_off));
        let subject = fill(t.waiting_subject, &[("property", name)]);
        self.render("waiting_list.acknowledgement", email, &subject, body, None)
    }

    /// The sign-in code: rendered for immediate sending, never stored.
    #[must_use]
    pub fn sign_in_code_mail(
        &self,
        email: &str,
        code: &str,
        minutes: u64,
        locale: &str,
        property_name: &str,
    ) -> Option<NewMail> {
        let t = Lang::of(locale).t();
        let mut body = Body::new();
        body.para(&fill(
            t.code_body,
            &[("code", code), ("minutes", &minutes.to_string())],
        ));
        body.para(t.code_ignore);
        body.para(&format!("{}\n{property_name}", t.sign_off));
        self.render("tenant.sign_in_code", email, t.code_subject, body, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(
            escape("<b a=\"x\">&'"),
            "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(calendar::escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = "DESCRIPTION:".to_owned() + &"é".repeat(60);
        let folded = calendar::fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
