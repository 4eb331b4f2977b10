//! Entry point of the widget as a full page: install the panic hook, mount
//! on `#storage-widget` (its `data-*` attributes configure it). Natively
//! there is nothing to run: the widget is a browser program.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        if let Some(root) = storage_widget::page::page_root() {
            storage_widget::mount_on(root);
        }
    }
}
