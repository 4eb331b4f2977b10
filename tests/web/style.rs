//! Style isolation: text properties a host page sets around the widget
//! are not inherited inside it, while its --sw-* properties theme it.

use leptos::prelude::*;
use storage_widget::components::property_header::PropertyHeader;
use storage_widget::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const CSS: &str = include_str!("../../style/widget.css");
/// Inherited properties a host stylesheet may set on its containers.
const HOSTILE: &str = "letter-spacing: 4px; word-spacing: 12px; text-transform: uppercase; \
    font-style: italic; font-weight: 900; font-variant: small-caps; line-height: 3; text-indent: 40px; \
    text-align: right; white-space: pre; color: rgb(255, 0, 255); font-family: serif; font-size: 30px; \
    text-shadow: 2px 2px red; visibility: visible; cursor: wait; --sw-accent: rgb(122, 31, 162);";
const INHERITED: [&str; 14] = [
    "letter-spacing",
    "word-spacing",
    "text-transform",
    "font-style",
    "font-weight",
    "font-variant-caps",
    "line-height",
    "text-indent",
    "text-align",
    "white-space",
    "color",
    "font-family",
    "font-size",
    "text-shadow",
];

fn install_stylesheet() {
    let document = document();
    if document.get_element_by_id("sw-test-css").is_some() {
        return;
    }
    let style = document.create_element("style").expect("style");
    style.set_id("sw-test-css");
    style.set_text_content(Some(CSS));
    document
        .head()
        .expect("head")
        .append_child(&style)
        .expect("appended");
}

fn computed(element: &web_sys::Element) -> Vec<(String, String)> {
    let style = window()
        .get_computed_style(element)
        .expect("style")
        .expect("computed");
    INHERITED
        .iter()
        .map(|p| ((*p).to_owned(), style.get_property_value(p).expect("value")))
        .collect()
}

#[wasm_bindgen_test]
async fn a_host_pages_inherited_text_properties_stop_at_the_widget_while_its_theme_applies() {
    install_stylesheet();
    let plain = mount_with_locale(
        Lang::En,
        || view! { <PropertyHeader property=property().property /> },
    );
    let host = document()
        .create_element("div")
        .expect("div")
        .unchecked_into::<web_sys::HtmlElement>();
    host.style().set_css_text(HOSTILE);
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("appended");
    let hostile = mount_with_locale(
        Lang::En,
        || view! { <PropertyHeader property=property().property /> },
    );
    host.append_child(&hostile).expect("moved under the host");
    leptos::task::tick().await;
    for selector in ["h1", ".sw__property strong", ".sw__property span"] {
        assert_eq!(
            computed(&one(&hostile, selector)),
            computed(&one(&plain, selector)),
            "{selector}"
        );
    }
    let link = window()
        .get_computed_style(&one(&hostile, ".sw__property a"))
        .expect("s")
        .expect("c");
    assert_eq!(
        link.get_property_value("color").expect("color"),
        "rgb(122, 31, 162)",
        "--sw-accent themes the widget"
    );
}
