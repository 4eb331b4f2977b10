//! Every text the widget shows, one table per language. A table is a
//! [`Texts`], a struct of `&'static str` fields: a language that lacks a
//! text does not compile. Texts with parts to fill in are templates (`{0}`,
//! `{1}`, filled by [`fill`]) so that word order and punctuation belong to
//! the language ("Due at move-in: {0}" / "À payer à l’emménagement : {0}").
//! Amounts, dates and times are not here: `intl` writes them with the
//! browser's `Intl` in the widget's locale.

mod de;
mod en;
mod es;
mod fr;
mod nl;

use booking_model::ErrorCode;
use pricing::Period;

/// The languages the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    Es,
    Nl,
}

impl Lang {
    pub const ALL: [Self; 5] = [Self::En, Self::Fr, Self::De, Self::Es, Self::Nl];

    /// The language of a BCP 47 tag (`fr`, `fr-FR`, `nl_BE`), if the widget
    /// speaks it.
    #[must_use]
    pub fn parse(tag: &str) -> Option<Self> {
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|lang| language.eq_ignore_ascii_case(lang.code()))
    }

    /// As [`Lang::parse`], English for a language the widget does not speak.
    #[must_use]
    pub fn from_tag(tag: &str) -> Self {
        Self::parse(tag).unwrap_or_default()
    }

    /// The ISO 639-1 code (`lang` attribute, `?lang=`).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::De => "de",
            Self::Es => "es",
            Self::Nl => "nl",
        }
    }

    /// The tag given to `Intl`: this language in the property's region
    /// (`de` at an `fr-FR` property writes German in France: `de-FR`).
    #[must_use]
    pub fn intl_locale(self, property_locale: &str) -> String {
        let region = property_locale
            .split(['-', '_'])
            .nth(1)
            .filter(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic()));
        match region {
            Some(region) => format!("{}-{}", self.code(), region.to_ascii_uppercase()),
            None => self.code().to_owned(),
        }
    }

    #[must_use]
    pub const fn t(self) -> &'static Texts {
        match self {
            Self::En => &en::EN,
            Self::Fr => &fr::FR,
            Self::De => &de::DE,
            Self::Es => &es::ES,
            Self::Nl => &nl::NL,
        }
    }

    /// The message for a field error code. Matched without a catch-all, so
    /// that a code the server starts sending does not compile here until
    /// it has its words.
    #[must_use]
    pub const fn error(self, code: ErrorCode) -> &'static str {
        let t = self.t();
        match code {
            ErrorCode::Required => t.err_required,
            ErrorCode::TooLong => t.err_too_long,
            ErrorCode::InvalidCharacters => t.err_characters,
            ErrorCode::InvalidEmail => t.err_email,
            ErrorCode::InvalidPhone => t.err_phone,
            ErrorCode::InvalidPostalCode => t.err_postal_code,
            ErrorCode::InvalidCountry => t.err_country,
            ErrorCode::OutOfRange => t.err_out_of_range,
            ErrorCode::InvalidPromoCode => t.err_promo,
            ErrorCode::MustAcceptTerms => t.err_terms,
            ErrorCode::UnknownId | ErrorCode::SoldOut | ErrorCode::PriceChanged => t.err_unknown,
            ErrorCode::NotOffered | ErrorCode::Duplicate => t.err_not_offered,
            ErrorCode::InvalidCode => t.err_code_invalid,
            ErrorCode::CodeExpired => t.err_code_expired,
            ErrorCode::InvalidValue
            | ErrorCode::PricingError
            | ErrorCode::RequestInProgress
            | ErrorCode::IdempotencyKeyReused
            | ErrorCode::MalformedJson
            | ErrorCode::UnsupportedMediaType
            | ErrorCode::PayloadTooLarge
            | ErrorCode::MissingIdempotencyKey
            | ErrorCode::InvalidIdempotencyKey
            | ErrorCode::InvalidApiKey
            | ErrorCode::OriginNotAllowed
            | ErrorCode::NotFound
            | ErrorCode::RateLimited
            | ErrorCode::DatabaseUnavailable
            | ErrorCode::UpstreamUnavailable
            | ErrorCode::Unknown => t.err_invalid,
        }
    }

    /// "3 left", "Only 1 left", "Sold out".
    #[must_use]
    pub fn units_left(self, count: i64) -> String {
        let t = self.t();
        match count {
            c if c <= 0 => t.sold_out.to_owned(),
            1 => t.units_left_one.to_owned(),
            c => fill(t.units_left_other, &[&c.to_string()]),
        }
    }

    /// "4–29 Feb: 26 of 29 days": why a first invoice is prorated.
    #[must_use]
    pub fn stub_reason(self, span: &str, days: i64, of: i64) -> String {
        let t = self.t();
        if days == 1 {
            fill(t.stub_one, &[span, &of.to_string()])
        } else {
            fill(t.stub_other, &[span, &days.to_string(), &of.to_string()])
        }
    }

    /// The label of a billing period ("Quarterly").
    #[must_use]
    pub const fn period(self, period: Period) -> &'static str {
        self.t().periods[period_index(period)]
    }

    /// How often a period recurs ("every quarter").
    #[must_use]
    pub const fn every(self, period: Period) -> &'static str {
        self.t().every[period_index(period)]
    }
}

const fn period_index(period: Period) -> usize {
    match period {
        Period::Monthly => 0,
        Period::Quarterly => 1,
        Period::HalfYearly => 2,
        Period::Yearly => 3,
    }
}

/// A template with its `{0}`, `{1}` … replaced by `args`; a placeholder
/// without an argument is left out.
#[must_use]
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)))
        {
            Some((index, close)) => {
                out.push_str(args.get(index).copied().unwrap_or_default());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

macro_rules! texts {
    ($($(#[$doc:meta])* $field:ident,)*) => {
        /// The fixed texts of one language. Templates say what fills them.
        #[derive(Debug)]
        pub struct Texts {
            $($(#[$doc])* pub $field: &'static str,)*
            /// Monthly, quarterly, half-yearly, yearly.
            pub periods: [&'static str; 4],
            /// As `periods`: "every month" …
            pub every: [&'static str; 4],
        }

        #[cfg(test)]
        impl Texts {
            /// Every single text with its field name, for the tests.
            fn entries(&self) -> Vec<(&'static str, &'static str)> {
                let mut all = vec![$((stringify!($field), self.$field),)*];
                all.extend(self.periods.iter().map(|p| ("periods", *p)));
                all.extend(self.every.iter().map(|p| ("every", *p)));
                all
            }
        }
    };
}

texts! {
    // The page.
    title,
    loading,
    load_failed,
    retry,
    // Opening hours.
    opening_hours,
    closed,
    public_holidays,
    /// After today's row name, for screen readers.
    today_suffix,
    /// {0}: closing time.
    open_until,
    /// {0}: opening time.
    opens_later_today,
    /// {0}: weekday or date, {1}: opening time.
    opens_on,
    /// {0}: opening, {1}: closing time.
    time_range,
    list_separator,
    upcoming_closures,
    closure_public_holiday,
    closure_exceptional,
    // The listing.
    sizes,
    /// {0}: the day, {1}: the time a snapshot of the listing was read.
    prices_as_of,
    all_groups,
    group,
    sort_by,
    sort_size,
    sort_price_asc,
    sort_price_desc,
    /// {0}: `tax_incl` or `tax_excl`.
    per_month_tax,
    tax_incl,
    tax_excl,
    /// {0} × {1} × {2} {3}: width, length, height, unit.
    dimensions,
    rent,
    rent_hint,
    book,
    book_hint,
    /// {0}: `rent_hint` or `book_hint`, {1}: the monthly price.
    choice_hint,
    units_left_one,
    /// {0}: how many.
    units_left_other,
    sold_out,
    /// {0}: the amount saved.
    saving,
    waiting_list,
    waiting_list_hint,
    joined,
    no_sizes,
    // The form.
    your_booking,
    pick_a_size,
    move_in_date,
    tenant_type,
    billing_period,
    insurance,
    no_insurance,
    /// {0}: the plan, {1}: its monthly price.
    insurance_option,
    add_ons,
    /// {0}: the extra, {1}: its price.
    add_on_once,
    /// {0}: the extra, {1}: its monthly price.
    add_on_monthly,
    /// {0}: the extra, {1}: its price; always charged.
    add_on_included,
    promo_code,
    /// {0}: the promotion's description.
    promo_applied,
    your_details,
    first_name,
    last_name,
    email,
    phone,
    address,
    city,
    postal_code,
    country,
    /// The terms' own title follows, as a link.
    accept_terms,
    new_tab,
    book_now,
    booking,
    // The quote.
    quote,
    first_invoice,
    full_cycle,
    subtotal_tax,
    not_taxed,
    /// {0}: tax name, {1}: rate, {2}: amount.
    tax_detail,
    total,
    due_at_move_in,
    /// {0}: the amount; read out when it changes.
    due_announcement,
    includes_next_cycle,
    /// {0}: amount, {1}: one of `every`, {2}: date.
    then_every,
    /// {0}: dates, {1}: days in the month.
    stub_one,
    /// {0}: dates, {1}: days charged, {2}: days in the month.
    stub_other,
    deposit,
    // What a booking attempt gave.
    network_retry,
    price_changed,
    sold_out_now,
    fix_errors,
    in_progress,
    rate_limited,
    unavailable,
    upstream_unavailable,
    // The confirmation.
    confirmed,
    reserved,
    cancelled,
    reference,
    your_unit,
    visit_us,
    book_another,
    // Field errors, by `ErrorCode`.
    err_required,
    err_too_long,
    err_email,
    err_phone,
    err_postal_code,
    err_country,
    err_out_of_range,
    err_promo,
    err_terms,
    err_characters,
    err_unknown,
    err_not_offered,
    err_invalid,
    err_code_invalid,
    err_code_expired,
    // The tenant's account.
    /// {0}: the tenant's e-mail address.
    sent_to,
    add_to_calendar,
    /// {0}: the property's name; the calendar event's title.
    calendar_summary,
    see_booking,
    already_booked,
    sign_in_title,
    sign_in_hint,
    send_code,
    sending,
    code_title,
    /// {0}: the e-mail address.
    code_sent,
    code_label,
    sign_in,
    new_code,
    code_resent,
    other_address,
    account_title,
    status,
    status_initiated,
    status_cancelled,
    status_active,
    no_contracts,
    unpaid_invoices,
    no_unpaid,
    date,
    amount_due,
    balance,
    sign_out,
    back_to_sizes,
    connection_failed,
    session_ended,
}

#[cfg(test)]
mod tests;
