//! The tenant's account as the sign-in flow's last step shows it, from a
//! tenant view as the server writes it.

use booking_model::TenantAccount;
use leptos::prelude::*;
use rust_decimal::Decimal;
use storage_widget::components::account::AccountPanel;
use storage_widget::i18n::Lang;
use storage_widget::state::Locale;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const VIEW: &str = r#"{
  "contactBook": {"id": "c-1", "firstName": "Giada", "lastName": "Rossi",
    "email": "giada@example.com", "phoneNumber": "+33522243838", "address": "1 rue A",
    "city": "Toulouse", "postalCode": "31000", "region": null, "country": null,
    "profileImageInfoPath": null},
  "contactInsight": {"totalContractCount": 2, "activeContractCount": 1,
    "unpaidInvoiceCount": 1,
    "unpaidInvoiceAmount": {"price": 1112.1, "formattedPrice": "1 112,10 €"},
    "accountBalance": {"price": -1112.1, "formattedPrice": "-1 112,10 €"}},
  "contract": [
    {"id": "r-1", "transactId": "CAT70", "storageName": "Box 8 m²", "propertyName": "Chalets",
     "spaceId": "s-1", "transactDate": "04-02-2024", "moveInDate": "07-02-2024",
     "rentalAmount": {"price": 89.0, "formattedPrice": "89,00 €"},
     "rentalPayableAmount": {"price": 89.0, "formattedPrice": "89,00 €"},
     "leaseStatus": {"key": "INITIATED", "value": "Initiated"}, "paymentPeriod": "Monthly"},
    {"id": "r-2", "transactId": "CAT71", "storageName": "Box 4 m²", "propertyName": "Chalets",
     "spaceId": "s-2", "transactDate": "04-02-2024", "moveInDate": "09-02-2024",
     "rentalAmount": {"price": 49, "formattedPrice": "49,00 €"},
     "rentalPayableAmount": {"price": 49, "formattedPrice": "49,00 €"},
     "leaseStatus": {"key": "CANCELLED", "value": "Cancelled"}, "paymentPeriod": "Monthly"}
  ],
  "unPaidInvoice": [
    {"id": "i-1", "sequenceId": 1, "transactDate": "04-02-2024", "transactId": "INV-1",
     "transactionType": "INVOICE", "transactionTypeValue": "Invoice", "rentalInfoId": "r-1",
     "rentalInfoTransactId": "CAT70",
     "grossAmount": {"price": 1132.1, "formattedPrice": "1 132,10 €"},
     "paidAmount": {"price": 20, "formattedPrice": "20,00 €"},
     "balanceAmount": {"price": 1112.1, "formattedPrice": "1 112,10 €"},
     "reverseTxnStatus": null, "reverseTxnStatusValue": null,
     "transactionAssetsInfoId": "a-1"}
  ]
}"#;

fn tenant() -> TenantAccount {
    serde_json::from_str(VIEW).expect("tenant view")
}

#[wasm_bindgen_test]
async fn the_account_lists_each_booking_what_is_unpaid_and_the_balance() {
    let signed_out = RwSignal::new(false);
    let root = mount_with_locale(Lang::En, move || {
        view! { <AccountPanel account=tenant() on_sign_out=Callback::new(move |()| signed_out.set(true)) /> }
    });
    leptos::task::tick().await;
    let locale = Locale::new(Lang::En, "fr-FR", pricing::Currency::EUR);
    assert_eq!(text(&root, "h2"), "Your bookings");
    assert_eq!(
        texts(&root, ".sw-account__unit"),
        ["Box 8 m² · Chalets", "Box 4 m² · Chalets"]
    );
    assert_eq!(texts(&root, ".sw-account__reference"), ["CAT70", "CAT71"]);
    assert_eq!(texts(&root, ".sw-account__status"), ["Booked", "Cancelled"]);
    assert_eq!(
        texts(&root, ".sw-account__move-in"),
        ["7 Feb 2024", "9 Feb 2024"]
    );
    // The server's decimals, exact, written by `Intl`.
    let due = Decimal::new(111_210, 2);
    assert_eq!(texts(&root, ".sw-account__due"), [money(&locale, due)]);
    assert_eq!(texts(&root, ".sw-account__date"), ["4 Feb 2024"]);
    assert_eq!(text(&root, ".sw-account__balance"), money(&locale, -due));
    click(&root, ".sw-account__sign-out");
    assert!(signed_out.get_untracked());
}

#[wasm_bindgen_test]
async fn the_account_speaks_the_tenants_language() {
    let mut account = tenant();
    account.un_paid_invoice.clear();
    account.contract[1].lease_status.key = "ACTIVE".into();
    let root = mount_with_locale(Lang::De, move || {
        view! { <AccountPanel account on_sign_out=Callback::new(|()| {}) /> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&root, "h2"), "Ihre Buchungen");
    assert_eq!(texts(&root, ".sw-account__status"), ["Gebucht", "Aktiv"]);
    assert_eq!(text(&root, ".sw-account__none"), "Nichts mehr zu zahlen.");
    assert_eq!(text(&root, ".sw-account__sign-out"), "Abmelden");
}
