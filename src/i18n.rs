//! Every text the widget shows, one table per language. Amounts and dates
//! are not here: `intl` writes them with the browser's `Intl`.

use booking_model::ErrorCode;

/// The languages the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// From an embedder's choice or a BCP 47 locale (`fr-FR` → French);
    /// anything else is English.
    #[must_use]
    pub fn from_tag(tag: &str) -> Self {
        let lower = tag.to_ascii_lowercase();
        if lower == "fr" || lower.starts_with("fr-") || lower.starts_with("fr_") {
            Self::Fr
        } else {
            Self::En
        }
    }

    /// The BCP 47 tag given to `Intl` for this language in `locale`'s region.
    #[must_use]
    pub fn intl_locale(self, property_locale: &str) -> String {
        let region = property_locale.split(['-', '_']).nth(1).unwrap_or("");
        let lang = match self {
            Self::En => "en",
            Self::Fr => "fr",
        };
        if region.is_empty() {
            lang.to_owned()
        } else {
            format!("{lang}-{region}")
        }
    }

    #[must_use]
    pub const fn t(self) -> &'static Texts {
        match self {
            Self::En => &EN,
            Self::Fr => &FR,
        }
    }

    /// "3 left", "Only 1 left", "Sold out".
    #[must_use]
    pub fn units_left(self, count: i64) -> String {
        match (self, count) {
            (_, c) if c <= 0 => self.t().sold_out.to_owned(),
            (Self::En, 1) => "Only 1 left".to_owned(),
            (Self::En, c) => format!("{c} left"),
            (Self::Fr, 1) => "Plus qu’un seul".to_owned(),
            (Self::Fr, c) => format!("{c} disponibles"),
        }
    }

    /// "4–29 Feb: 26 of 29 days".
    #[must_use]
    pub fn stub_reason(self, span: &str, days: i64, of: i64) -> String {
        match self {
            Self::En => format!("{span}: {days} of {of} days"),
            Self::Fr => format!("{span} : {days} jours sur {of}"),
        }
    }

    /// "then 90,00 € every month from 1 Mar".
    #[must_use]
    pub fn then_every(self, amount: &str, period: pricing::Period, from: &str) -> String {
        use pricing::Period::{HalfYearly, Monthly, Quarterly, Yearly};
        let every = match (self, period) {
            (Self::En, Monthly) => "every month",
            (Self::En, Quarterly) => "every quarter",
            (Self::En, HalfYearly) => "every six months",
            (Self::En, Yearly) => "every year",
            (Self::Fr, Monthly) => "par mois",
            (Self::Fr, Quarterly) => "par trimestre",
            (Self::Fr, HalfYearly) => "par semestre",
            (Self::Fr, Yearly) => "par an",
        };
        match self {
            Self::En => format!("then {amount} {every} from {from}"),
            Self::Fr => format!("puis {amount} {every} à partir du {from}"),
        }
    }

    /// "Open now, closes at 12:30".
    #[must_use]
    pub fn open_until(self, time: &str) -> String {
        match self {
            Self::En => format!("Open now, closes at {time}"),
            Self::Fr => format!("Ouvert, ferme à {time}"),
        }
    }

    /// "Closed, opens Monday 09:00" (or "opens at 13:30" later today).
    #[must_use]
    pub fn closed_opens(self, day: Option<&str>, time: &str) -> String {
        match (self, day) {
            (Self::En, Some(day)) => format!("Closed, opens {day} {time}"),
            (Self::En, None) => format!("Closed, opens at {time}"),
            (Self::Fr, Some(day)) => format!("Fermé, ouvre {day} à {time}"),
            (Self::Fr, None) => format!("Fermé, ouvre à {time}"),
        }
    }

    /// "09:00 to 12:30".
    #[must_use]
    pub fn time_range(self, open: &str, close: &str) -> String {
        match self {
            Self::En => format!("{open} to {close}"),
            Self::Fr => format!("{open} à {close}"),
        }
    }

    /// "Save 3,00 €".
    #[must_use]
    pub fn saving(self, amount: &str) -> String {
        match self {
            Self::En => format!("Save {amount}"),
            Self::Fr => format!("Économisez {amount}"),
        }
    }

    /// The message for a field error code, in this language.
    #[must_use]
    pub fn error(self, code: ErrorCode) -> &'static str {
        let t = self.t();
        match code {
            ErrorCode::Required => t.err_required,
            ErrorCode::TooLong => t.err_too_long,
            ErrorCode::InvalidEmail => t.err_email,
            ErrorCode::InvalidPhone => t.err_phone,
            ErrorCode::InvalidPostalCode => t.err_postal_code,
            ErrorCode::InvalidCountry => t.err_country,
            ErrorCode::OutOfRange => t.err_out_of_range,
            ErrorCode::InvalidPromoCode => t.err_promo,
            ErrorCode::MustAcceptTerms => t.err_terms,
            ErrorCode::InvalidCharacters => t.err_characters,
            ErrorCode::InvalidValue
            | ErrorCode::UnknownId
            | ErrorCode::NotOffered
            | ErrorCode::Duplicate
            | ErrorCode::PricingError
            | ErrorCode::PriceChanged
            | ErrorCode::SoldOut
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
            | ErrorCode::Unknown => t.err_invalid,
        }
    }
}

/// The fixed texts of one language.
#[derive(Debug)]
pub struct Texts {
    pub title: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub opening_hours: &'static str,
    pub closed: &'static str,
    pub public_holidays: &'static str,
    pub today: &'static str,
    pub sizes: &'static str,
    pub all_groups: &'static str,
    pub group: &'static str,
    pub sort_by: &'static str,
    pub sort_size: &'static str,
    pub sort_price_asc: &'static str,
    pub sort_price_desc: &'static str,
    pub per_month: &'static str,
    pub tax_incl: &'static str,
    pub tax_excl: &'static str,
    pub rent: &'static str,
    pub rent_hint: &'static str,
    pub book: &'static str,
    pub book_hint: &'static str,
    pub sold_out: &'static str,
    pub choose: &'static str,
    pub chosen: &'static str,
    pub waiting_list: &'static str,
    pub waiting_list_hint: &'static str,
    pub join: &'static str,
    pub joined: &'static str,
    pub no_sizes: &'static str,
    pub your_booking: &'static str,
    pub move_in_date: &'static str,
    pub tenant_type: &'static str,
    pub billing_period: &'static str,
    pub insurance: &'static str,
    pub no_insurance: &'static str,
    pub add_ons: &'static str,
    pub quantity: &'static str,
    pub promo_code: &'static str,
    pub your_details: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub address: &'static str,
    pub city: &'static str,
    pub postal_code: &'static str,
    pub country: &'static str,
    pub accept_terms: &'static str,
    pub book_now: &'static str,
    pub booking: &'static str,
    pub quote: &'static str,
    pub pick_a_size: &'static str,
    pub first_invoice: &'static str,
    pub full_cycle: &'static str,
    pub subtotal_tax: &'static str,
    pub not_taxed: &'static str,
    pub total: &'static str,
    pub due_at_move_in: &'static str,
    pub includes_next_cycle: &'static str,
    pub after_promotion: &'static str,
    pub deposit: &'static str,
    pub network_retry: &'static str,
    pub price_changed: &'static str,
    pub sold_out_now: &'static str,
    pub fix_errors: &'static str,
    pub confirmed: &'static str,
    pub reference: &'static str,
    pub book_another: &'static str,
    pub periods: [&'static str; 4],
    pub err_required: &'static str,
    pub err_too_long: &'static str,
    pub err_email: &'static str,
    pub err_phone: &'static str,
    pub err_postal_code: &'static str,
    pub err_country: &'static str,
    pub err_out_of_range: &'static str,
    pub err_promo: &'static str,
    pub err_terms: &'static str,
    pub err_characters: &'static str,
    pub err_invalid: &'static str,
}

pub static EN: Texts = Texts {
    title: "Book a storage unit",
    loading: "Loading sizes and prices…",
    load_failed: "The sizes and prices could not be loaded.",
    retry: "Try again",
    opening_hours: "Office hours",
    closed: "Closed",
    public_holidays: "Public holidays",
    today: "today",
    sizes: "Unit sizes",
    all_groups: "All sizes",
    group: "Size group",
    sort_by: "Sort by",
    sort_size: "Size",
    sort_price_asc: "Price, lowest first",
    sort_price_desc: "Price, highest first",
    per_month: "/ month",
    tax_incl: "incl. tax",
    tax_excl: "excl. tax",
    rent: "Rent",
    rent_hint: "move in on your date",
    book: "Reserve",
    book_hint: "hold it for later",
    sold_out: "Sold out",
    choose: "Choose",
    chosen: "Chosen",
    waiting_list: "Join the waiting list",
    waiting_list_hint: "We will e-mail you when this size is free again.",
    join: "Join",
    joined: "You are on the waiting list.",
    no_sizes: "No unit of this kind is offered.",
    your_booking: "Your booking",
    move_in_date: "Move-in date",
    tenant_type: "You are",
    billing_period: "Billing period",
    insurance: "Protection plan",
    no_insurance: "No protection plan",
    add_ons: "Extras",
    quantity: "Quantity",
    promo_code: "Promo code",
    your_details: "Your details",
    first_name: "First name",
    last_name: "Last name",
    email: "E-mail",
    phone: "Phone",
    address: "Address",
    city: "City",
    postal_code: "Postal code",
    country: "Country (2 letters)",
    accept_terms: "I accept the",
    book_now: "Book now",
    booking: "Booking…",
    quote: "Your quote",
    pick_a_size: "Choose a size to see your quote.",
    first_invoice: "First invoice",
    full_cycle: "Full billing period",
    subtotal_tax: "Tax",
    not_taxed: "not taxed",
    total: "Total",
    due_at_move_in: "Due at move-in",
    includes_next_cycle: "includes the first full period",
    after_promotion: "After the promotion",
    deposit: "Deposit",
    network_retry: "The connection failed. Your details are kept; press Book now to try again.",
    price_changed: "The price has changed. Please check the new quote and book again.",
    sold_out_now: "Sorry, this unit has just been taken. Please choose another size.",
    fix_errors: "Please correct the fields marked below.",
    confirmed: "Your booking is confirmed",
    reference: "Reference",
    book_another: "Book another unit",
    periods: ["Monthly", "Quarterly", "Every six months", "Yearly"],
    err_required: "This field is required.",
    err_too_long: "This is too long.",
    err_email: "Enter an e-mail address such as name@example.com.",
    err_phone: "Enter a phone number such as +33 5 22 24 38 38.",
    err_postal_code: "Enter a valid postal code.",
    err_country: "Enter a two-letter country code such as FR.",
    err_out_of_range: "This value is outside what is offered.",
    err_promo: "This promo code does not apply.",
    err_terms: "Please accept the terms to book.",
    err_characters: "This contains characters that are not allowed.",
    err_invalid: "This value is not valid.",
};

pub static FR: Texts = Texts {
    title: "Réserver un box",
    loading: "Chargement des tailles et des prix…",
    load_failed: "Les tailles et les prix n’ont pas pu être chargés.",
    retry: "Réessayer",
    opening_hours: "Horaires de l’accueil",
    closed: "Fermé",
    public_holidays: "Jours fériés",
    today: "aujourd’hui",
    sizes: "Tailles de box",
    all_groups: "Toutes les tailles",
    group: "Catégorie de taille",
    sort_by: "Trier par",
    sort_size: "Taille",
    sort_price_asc: "Prix croissant",
    sort_price_desc: "Prix décroissant",
    per_month: "/ mois",
    tax_incl: "TTC",
    tax_excl: "HT",
    rent: "Louer",
    rent_hint: "emménagez à votre date",
    book: "Réserver",
    book_hint: "bloquez-le pour plus tard",
    sold_out: "Complet",
    choose: "Choisir",
    chosen: "Choisi",
    waiting_list: "Rejoindre la liste d’attente",
    waiting_list_hint: "Nous vous écrirons dès que cette taille se libère.",
    join: "M’inscrire",
    joined: "Vous êtes sur la liste d’attente.",
    no_sizes: "Aucun box de ce type n’est proposé.",
    your_booking: "Votre réservation",
    move_in_date: "Date d’emménagement",
    tenant_type: "Vous êtes",
    billing_period: "Périodicité",
    insurance: "Assurance",
    no_insurance: "Sans assurance",
    add_ons: "Options",
    quantity: "Quantité",
    promo_code: "Code promo",
    your_details: "Vos coordonnées",
    first_name: "Prénom",
    last_name: "Nom",
    email: "E-mail",
    phone: "Téléphone",
    address: "Adresse",
    city: "Ville",
    postal_code: "Code postal",
    country: "Pays (2 lettres)",
    accept_terms: "J’accepte les",
    book_now: "Réserver maintenant",
    booking: "Réservation…",
    quote: "Votre devis",
    pick_a_size: "Choisissez une taille pour voir votre devis.",
    first_invoice: "Première facture",
    full_cycle: "Période complète",
    subtotal_tax: "TVA",
    not_taxed: "non taxé",
    total: "Total",
    due_at_move_in: "À payer à l’emménagement",
    includes_next_cycle: "inclut la première période complète",
    after_promotion: "Après la promotion",
    deposit: "Dépôt de garantie",
    network_retry: "La connexion a échoué. Vos informations sont conservées ; cliquez sur Réserver pour réessayer.",
    price_changed: "Le prix a changé. Vérifiez le nouveau devis et réservez à nouveau.",
    sold_out_now: "Désolé, ce box vient d’être pris. Choisissez une autre taille.",
    fix_errors: "Corrigez les champs signalés ci-dessous.",
    confirmed: "Votre réservation est confirmée",
    reference: "Référence",
    book_another: "Réserver un autre box",
    periods: ["Mensuel", "Trimestriel", "Semestriel", "Annuel"],
    err_required: "Ce champ est obligatoire.",
    err_too_long: "Ce texte est trop long.",
    err_email: "Saisissez une adresse e-mail comme nom@exemple.fr.",
    err_phone: "Saisissez un numéro comme +33 5 22 24 38 38.",
    err_postal_code: "Saisissez un code postal valide.",
    err_country: "Saisissez un code pays à deux lettres comme FR.",
    err_out_of_range: "Cette valeur n’est pas proposée.",
    err_promo: "Ce code promo ne s’applique pas.",
    err_terms: "Acceptez les conditions pour réserver.",
    err_characters: "Ce texte contient des caractères non autorisés.",
    err_invalid: "Cette valeur n’est pas valide.",
};

/// The label of a billing period.
#[must_use]
pub fn period_label(lang: Lang, period: pricing::Period) -> &'static str {
    let index = match period {
        pricing::Period::Monthly => 0,
        pricing::Period::Quarterly => 1,
        pricing::Period::HalfYearly => 2,
        pricing::Period::Yearly => 3,
    };
    lang.t().periods[index]
}
