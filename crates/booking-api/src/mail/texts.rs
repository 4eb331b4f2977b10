//! The words of the e-mails, one table per language. Placeholders in
//! braces (`{ref}`, `{name}`, `{property}`, `{date}`, `{code}`,
//! `{minutes}`, `{period}`) are filled by `compose`.

/// A language the mails are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    De,
    Es,
    Nl,
}

impl Lang {
    /// The language of a locale tag (`fr-FR`, `de_CH`); English otherwise.
    #[must_use]
    pub fn of(locale: &str) -> Self {
        let language = locale
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "fr" => Self::Fr,
            "de" => Self::De,
            "es" => Self::Es,
            "nl" => Self::Nl,
            _ => Self::En,
        }
    }

    /// Exactly one of the codes (`fr`), as a booking names its language.
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        [Self::En, Self::Fr, Self::De, Self::Es, Self::Nl]
            .into_iter()
            .find(|l| l.code() == code)
    }

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

    #[must_use]
    pub const fn t(self) -> &'static Texts {
        match self {
            Self::En => &EN,
            Self::Fr => &FR,
            Self::De => &DE,
            Self::Es => &ES,
            Self::Nl => &NL,
        }
    }
}

/// Every sentence and label of every mail.
#[derive(Debug)]
pub struct Texts {
    pub greeting: &'static str,
    pub confirmation_subject: &'static str,
    pub confirmation_intro: &'static str,
    pub reference: &'static str,
    pub unit: &'static str,
    pub dimensions: &'static str,
    pub move_in: &'static str,
    pub first_invoice: &'static str,
    pub total_due: &'static str,
    pub deposit: &'static str,
    pub then_every: &'static str,
    pub office: &'static str,
    pub phone: &'static str,
    pub hours: &'static str,
    pub closed: &'static str,
    pub holidays: &'static str,
    /// Sunday first, as `dayOfWeek` counts.
    pub days: [&'static str; 7],
    /// Monthly, quarterly, half-yearly, yearly.
    pub periods: [&'static str; 4],
    pub calendar_summary: &'static str,
    pub notice_subject: &'static str,
    pub notice_intro: &'static str,
    pub tenant: &'static str,
    pub cancellation_subject: &'static str,
    pub cancellation_body: &'static str,
    pub waiting_subject: &'static str,
    pub waiting_body: &'static str,
    pub code_subject: &'static str,
    pub code_body: &'static str,
    pub code_ignore: &'static str,
    pub sign_off: &'static str,
}

pub const EN: Texts = Texts {
    greeting: "Hello {name},",
    confirmation_subject: "Your booking {ref} at {property}",
    confirmation_intro: "Thank you: your storage unit is booked. Here is everything you need for your move-in.",
    reference: "Reference",
    unit: "Unit",
    dimensions: "Dimensions",
    move_in: "Move-in date",
    first_invoice: "Your first invoice",
    total_due: "Due at move-in",
    deposit: "Deposit (refundable)",
    then_every: "Then, {period}",
    office: "Office",
    phone: "Phone",
    hours: "Opening hours",
    closed: "closed",
    holidays: "Public holidays",
    days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    periods: ["every month", "every quarter", "every six months", "every year"],
    calendar_summary: "Move-in at {property}",
    notice_subject: "New booking {ref}",
    notice_intro: "A new booking was made online.",
    tenant: "Tenant",
    cancellation_subject: "Your booking {ref} is cancelled",
    cancellation_body: "Your booking {ref} at {property} (move-in {date}) has been cancelled. If you did not expect this, please contact the office.",
    waiting_subject: "You are on the waiting list at {property}",
    waiting_body: "We have noted your interest in a {unit} at {property}. We will contact you as soon as one is available.",
    code_subject: "Your sign-in code",
    code_body: "Your sign-in code is {code}. It is valid for {minutes} minutes and can be used once.",
    code_ignore: "If you did not ask for it, ignore this message.",
    sign_off: "See you soon,",
};

pub const FR: Texts = Texts {
    greeting: "Bonjour {name},",
    confirmation_subject: "Votre réservation {ref} à {property}",
    confirmation_intro: "Merci : votre box est réservé. Voici tout ce qu'il vous faut pour votre emménagement.",
    reference: "Référence",
    unit: "Box",
    dimensions: "Dimensions",
    move_in: "Date d'emménagement",
    first_invoice: "Votre première facture",
    total_due: "À régler à l'emménagement",
    deposit: "Dépôt de garantie (remboursable)",
    then_every: "Ensuite, {period}",
    office: "Accueil",
    phone: "Téléphone",
    hours: "Horaires d'ouverture",
    closed: "fermé",
    holidays: "Jours fériés",
    days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    periods: ["chaque mois", "chaque trimestre", "chaque semestre", "chaque année"],
    calendar_summary: "Emménagement à {property}",
    notice_subject: "Nouvelle réservation {ref}",
    notice_intro: "Une nouvelle réservation a été faite en ligne.",
    tenant: "Locataire",
    cancellation_subject: "Votre réservation {ref} est annulée",
    cancellation_body: "Votre réservation {ref} à {property} (emménagement le {date}) a été annulée. Si vous ne vous y attendiez pas, contactez l'accueil.",
    waiting_subject: "Vous êtes sur la liste d'attente de {property}",
    waiting_body: "Nous avons noté votre intérêt pour un box {unit} à {property}. Nous vous contacterons dès qu'il y en aura un de libre.",
    code_subject: "Votre code de connexion",
    code_body: "Votre code de connexion est {code}. Il est valable {minutes} minutes et ne sert qu'une fois.",
    code_ignore: "Si vous ne l'avez pas demandé, ignorez ce message.",
    sign_off: "À bientôt,",
};

pub const DE: Texts = Texts {
    greeting: "Hallo {name},",
    confirmation_subject: "Ihre Buchung {ref} bei {property}",
    confirmation_intro: "Vielen Dank: Ihr Lagerabteil ist gebucht. Hier ist alles, was Sie für den Einzug brauchen.",
    reference: "Referenz",
    unit: "Abteil",
    dimensions: "Maße",
    move_in: "Einzugsdatum",
    first_invoice: "Ihre erste Rechnung",
    total_due: "Fällig beim Einzug",
    deposit: "Kaution (erstattbar)",
    then_every: "Danach {period}",
    office: "Büro",
    phone: "Telefon",
    hours: "Öffnungszeiten",
    closed: "geschlossen",
    holidays: "Feiertage",
    days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    periods: ["monatlich", "vierteljährlich", "halbjährlich", "jährlich"],
    calendar_summary: "Einzug bei {property}",
    notice_subject: "Neue Buchung {ref}",
    notice_intro: "Eine neue Buchung wurde online vorgenommen.",
    tenant: "Mieter",
    cancellation_subject: "Ihre Buchung {ref} ist storniert",
    cancellation_body: "Ihre Buchung {ref} bei {property} (Einzug am {date}) wurde storniert. Falls Sie das nicht erwartet haben, wenden Sie sich bitte an das Büro.",
    waiting_subject: "Sie stehen auf der Warteliste von {property}",
    waiting_body: "Wir haben Ihr Interesse an einem Abteil {unit} bei {property} notiert. Wir melden uns, sobald eines frei ist.",
    code_subject: "Ihr Anmeldecode",
    code_body: "Ihr Anmeldecode lautet {code}. Er ist {minutes} Minuten gültig und nur einmal verwendbar.",
    code_ignore: "Falls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.",
    sign_off: "Bis bald,",
};

pub const ES: Texts = Texts {
    greeting: "Hola {name}:",
    confirmation_subject: "Su reserva {ref} en {property}",
    confirmation_intro: "Gracias: su trastero está reservado. Aquí tiene todo lo necesario para la entrada.",
    reference: "Referencia",
    unit: "Trastero",
    dimensions: "Dimensiones",
    move_in: "Fecha de entrada",
    first_invoice: "Su primera factura",
    total_due: "A pagar a la entrada",
    deposit: "Fianza (reembolsable)",
    then_every: "Después, {period}",
    office: "Oficina",
    phone: "Teléfono",
    hours: "Horario",
    closed: "cerrado",
    holidays: "Festivos",
    days: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    periods: ["cada mes", "cada trimestre", "cada semestre", "cada año"],
    calendar_summary: "Entrada en {property}",
    notice_subject: "Nueva reserva {ref}",
    notice_intro: "Se ha hecho una nueva reserva en línea.",
    tenant: "Inquilino",
    cancellation_subject: "Su reserva {ref} está cancelada",
    cancellation_body: "Su reserva {ref} en {property} (entrada el {date}) ha sido cancelada. Si no lo esperaba, contacte con la oficina.",
    waiting_subject: "Está en la lista de espera de {property}",
    waiting_body: "Hemos anotado su interés por un trastero {unit} en {property}. Le avisaremos en cuanto haya uno libre.",
    code_subject: "Su código de acceso",
    code_body: "Su código de acceso es {code}. Es válido durante {minutes} minutos y solo se puede usar una vez.",
    code_ignore: "Si no lo ha pedido, ignore este mensaje.",
    sign_off: "Hasta pronto,",
};

pub const NL: Texts = Texts {
    greeting: "Hallo {name},",
    confirmation_subject: "Uw boeking {ref} bij {property}",
    confirmation_intro: "Bedankt: uw opslagruimte is geboekt. Hier vindt u alles wat u nodig hebt voor de verhuizing.",
    reference: "Referentie",
    unit: "Box",
    dimensions: "Afmetingen",
    move_in: "Verhuisdatum",
    first_invoice: "Uw eerste factuur",
    total_due: "Te betalen bij intrek",
    deposit: "Borg (terugbetaalbaar)",
    then_every: "Daarna {period}",
    office: "Kantoor",
    phone: "Telefoon",
    hours: "Openingstijden",
    closed: "gesloten",
    holidays: "Feestdagen",
    days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    periods: ["elke maand", "elk kwartaal", "elk halfjaar", "elk jaar"],
    calendar_summary: "Verhuizing naar {property}",
    notice_subject: "Nieuwe boeking {ref}",
    notice_intro: "Er is online een nieuwe boeking gemaakt.",
    tenant: "Huurder",
    cancellation_subject: "Uw boeking {ref} is geannuleerd",
    cancellation_body: "Uw boeking {ref} bij {property} (verhuizing op {date}) is geannuleerd. Had u dit niet verwacht, neem dan contact op met het kantoor.",
    waiting_subject: "U staat op de wachtlijst van {property}",
    waiting_body: "We hebben uw interesse in een box {unit} bij {property} genoteerd. We nemen contact op zodra er een vrij is.",
    code_subject: "Uw inlogcode",
    code_body: "Uw inlogcode is {code}. Hij is {minutes} minuten geldig en kan één keer worden gebruikt.",
    code_ignore: "Hebt u hem niet aangevraagd, negeer dan dit bericht.",
    sign_off: "Tot binnenkort,",
};

/// Fills `{name}`-style placeholders.
#[must_use]
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_locales() {
        assert_eq!(Lang::of("fr-FR"), Lang::Fr);
        assert_eq!(Lang::of("de_CH"), Lang::De);
        assert_eq!(Lang::of("NL"), Lang::Nl);
        assert_eq!(Lang::of("pt-BR"), Lang::En);
        assert_eq!(Lang::parse("de"), Some(Lang::De));
        assert_eq!(Lang::parse("DE"), None);
        assert_eq!(
            fill(FR.code_body, &[("code", "012345"), ("minutes", "10")]),
            "Votre code de connexion est 012345. Il est valable 10 minutes et ne sert qu'une fois."
        );
    }
}
