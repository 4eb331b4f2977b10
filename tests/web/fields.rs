//! The field kit: every control labelled, marked invalid and described by
//! its message the same way.

use leptos::prelude::*;
use storage_widget::components::field::{
    CheckboxField, DateField, FieldSpec, NumberField, SelectField, SelectOption, TextField,
};
use storage_widget::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn every_control_gets_its_label_error_and_description_from_its_spec() {
    let error = RwSignal::new(None::<&'static str>);
    let (name, day, plan, agreed, count) = (
        RwSignal::new(String::new()),
        RwSignal::new("2024-02-04".to_owned()),
        RwSignal::new("b".to_owned()),
        RwSignal::new(false),
        RwSignal::new(1u32),
    );
    let blurred = RwSignal::new(0);
    let root = mount_with_locale(Lang::En, move || {
        let on_blur = Callback::new(move |()| blurred.update(|n| *n += 1));
        let plans = vec![
            SelectOption::new("a", "Plan A"),
            SelectOption::new("b", "Plan B"),
        ];
        let link = (
            "/terms.html".to_owned(),
            "Terms".to_owned(),
            "(opens in a new tab)",
        );
        view! {
            <TextField spec=FieldSpec::new("t-name", "Name").checked(error.into(), on_blur).required() value=name autocomplete="given-name" />
            <DateField spec=FieldSpec::new("t-day", "Day") value=day min=Some("2024-02-04".to_owned()) max=Some("2024-04-04".to_owned()) />
            <SelectField spec=FieldSpec::new("t-plan", "Plan") options=plans value=plan on_change=Callback::new(move |v| plan.set(v)) />
            <CheckboxField spec=FieldSpec::new("t-agree", "I agree") checked=agreed link />
            <NumberField spec=FieldSpec::new("t-count", "How many") value=count on_input=Callback::new(move |n| count.set(n)) max=3 />
        }
    });
    leptos::task::tick().await;
    assert_eq!(text(&root, "label[for=t-name]"), "Name*");
    assert_eq!(
        attr(&root, "#t-name", "aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(
        attr(&root, "#t-name", "aria-describedby"),
        None,
        "nothing to describe yet"
    );
    assert_eq!(
        attr(&root, "#t-name", "autocomplete").as_deref(),
        Some("given-name")
    );
    assert!(one(&root, "#t-name").has_attribute("required"));
    error.set(Some("Enter your name."));
    leptos::task::tick().await;
    assert_eq!(
        attr(&root, "#t-name", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "#t-name", "aria-describedby").as_deref(),
        Some("t-name-error")
    );
    assert_eq!(text(&root, "#t-name-error"), "Enter your name.");
    let field = one(&root, "#t-name-error").parent_element().expect("field");
    assert!(field.class_list().contains("sw-field--invalid"));
    blur(&root, "#t-name");
    assert_eq!(blurred.get_untracked(), 1);
    type_into(&root, "#t-name", "Ada");
    assert_eq!(name.get_untracked(), "Ada");

    assert_eq!(attr(&root, "#t-day", "min").as_deref(), Some("2024-02-04"));
    assert_eq!(attr(&root, "#t-day", "max").as_deref(), Some("2024-04-04"));
    assert_eq!(
        options(&root, "#t-plan")[1],
        ("b".to_owned(), "Plan B".to_owned(), true)
    );
    change_select(&root, "#t-plan", "a");
    assert_eq!(plan.get_untracked(), "a");
    // A checkbox's label comes after it, then its link.
    let check = one(&root, "#t-agree");
    let label = check.next_element_sibling().expect("label");
    assert_eq!(label.get_attribute("for").as_deref(), Some("t-agree"));
    assert_eq!(
        text(&root, ".sw-field--check a"),
        "Terms (opens in a new tab)"
    );
    assert_eq!(
        attr(&root, ".sw-field--check a", "target").as_deref(),
        Some("_blank")
    );
    check.unchecked_into::<web_sys::HtmlElement>().click();
    assert!(agreed.get_untracked());
    type_into(&root, "#t-count", "9");
    assert_eq!(count.get_untracked(), 3, "at most the maximum");
    type_into(&root, "#t-count", "two");
    assert_eq!(count.get_untracked(), 0);
}
