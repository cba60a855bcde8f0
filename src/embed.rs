//! The embedding protocol v1, iframe side (the host side is public/embed.js).
//!
//! Messages are `{type: "stitchfork:<name>", version: 1, data}`. The iframe posts only to the
//! parent origin the loader passed in `?parent=` and only after checking it against the origin
//! the browser says is really framing us; it accepts commands only from that origin. Anything
//! else is ignored, with a console warning where a retailer would want to know why.

use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const PREFIX: &str = "stitchfork:";
const VERSION: u64 = 1;

/// A command from the host page.
#[derive(Debug, PartialEq)]
pub enum Command {
    LoadPattern {
        id: String,
    },
    SetLocale {
        locale: String,
    },
    /// CSS custom properties, only `--sf-*` names.
    SetTheme {
        vars: Vec<(String, String)>,
    },
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    version: Option<u64>,
    #[serde(default)]
    data: Value,
}

/// Why a message was not taken as a command.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum Refused {
    #[error("not a Stitchfork message")]
    NotOurs,
    #[error("unsupported protocol version {0:?} (this embed speaks version 1)")]
    Version(Option<u64>),
    #[error("unknown command {0:?}")]
    Unknown(String),
    #[error("command {0:?} is missing a valid {1:?}")]
    BadData(String, &'static str),
}

/// Parses a message's JSON text into a command.
pub fn parse_command(json: &str) -> Result<Command, Refused> {
    let env: Envelope = serde_json::from_str(json).map_err(|_| Refused::NotOurs)?;
    let name = env.kind.strip_prefix(PREFIX).ok_or(Refused::NotOurs)?;
    if env.version != Some(VERSION) {
        return Err(Refused::Version(env.version));
    }
    let text = |key: &'static str| {
        env.data
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty() && s.len() <= 64)
            .map(str::to_string)
            .ok_or(Refused::BadData(name.to_string(), key))
    };
    match name {
        "load-pattern" => Ok(Command::LoadPattern { id: text("id")? }),
        "set-locale" => Ok(Command::SetLocale {
            locale: text("locale")?,
        }),
        "set-theme" => {
            let vars = env
                .data
                .get("vars")
                .and_then(Value::as_object)
                .ok_or(Refused::BadData(name.to_string(), "vars"))?;
            Ok(Command::SetTheme {
                vars: vars
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .filter(|(k, v)| is_theme_var(k) && is_safe_css_value(v))
                    .collect(),
            })
        }
        other => Err(Refused::Unknown(other.to_string())),
    }
}

fn is_theme_var(name: &str) -> bool {
    name.strip_prefix("--sf-").is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// Theme values are colours, lengths and font names: nothing that could load a URL or end the rule.
fn is_safe_css_value(value: &str) -> bool {
    value.len() <= 100
        && !value.to_ascii_lowercase().contains("url(")
        && !value.contains([';', '{', '}', '<', '>', '\\'])
}

/// Parses the `?theme=` JSON a retailer wrote in `data-theme`.
pub fn theme_from_json(json: &str) -> Vec<(String, String)> {
    let wrapped =
        format!(r#"{{"type":"stitchfork:set-theme","version":1,"data":{{"vars":{json}}}}}"#);
    match parse_command(&wrapped) {
        Ok(Command::SetTheme { vars }) => vars,
        _ => Vec::new(),
    }
}

/// Sets theme variables on the document root, where the stylesheet reads them.
pub fn apply_theme(vars: &[(String, String)]) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    for (name, value) in vars {
        // A value the browser refuses is just not applied.
        let _ = root.style().set_property(name, value);
    }
}

/// The host page we talk to, once its origin is confirmed.
#[derive(Clone, Debug)]
pub struct Host {
    origin: String,
}

impl Host {
    /// The host named by `?parent=`, if the browser confirms that origin is framing us.
    pub fn from_parent_param(parent: Option<String>) -> Option<Host> {
        let window = web_sys::window()?;
        let claimed = parent?;
        let top = window.parent().ok()??;
        if js_sys::Object::is(&top, &window) {
            return None; // not framed
        }
        let actual = framing_origin(&window)?;
        if actual != claimed {
            web_sys::console::warn_1(
                &format!("Stitchfork: ?parent={claimed} is not the page framing this embed ({actual}); staying silent").into(),
            );
            return None;
        }
        Some(Host { origin: actual })
    }

    /// Posts `stitchfork:<name>` with `data` to the host, and to nobody else.
    pub fn post(&self, name: &str, data: Value) {
        let message =
            json!({ "type": format!("{PREFIX}{name}"), "version": VERSION, "data": data });
        let Ok(value) = js_sys::JSON::parse(&message.to_string()) else {
            return;
        };
        if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
            let _ = parent.post_message(&value, &self.origin);
        }
    }

    /// Calls `on_command` for every valid command the host sends; returns the listener's guard.
    pub fn listen(&self, on_command: impl Fn(Command) + 'static) -> Option<Listener> {
        let origin = self.origin.clone();
        let closure =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if ev.origin() != origin {
                    return; // commands come only from the host that framed us
                }
                let Some(json) = js_sys::JSON::stringify(&ev.data())
                    .ok()
                    .and_then(|s| s.as_string())
                else {
                    return;
                };
                match parse_command(&json) {
                    Ok(command) => on_command(command),
                    Err(Refused::NotOurs) => {}
                    Err(why) => web_sys::console::warn_1(&format!("Stitchfork: {why}").into()),
                }
            });
        let window = web_sys::window()?;
        window
            .add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener { closure })
    }
}

/// Keeps the message listener alive for as long as it is held; dropping it unsubscribes.
pub struct Listener {
    closure: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "message",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// The origin of the page framing us: `location.ancestorOrigins` where the browser has it,
/// else the referrer (the loader's iframe request carries the host page's origin).
fn framing_origin(window: &web_sys::Window) -> Option<String> {
    // web-sys has no binding for ancestorOrigins (Chromium and WebKit have it, Firefox not).
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok();
    if let Some(list) = ancestors.and_then(|a| a.dyn_into::<web_sys::DomStringList>().ok()) {
        if let Some(first) = list.item(0) {
            return Some(first);
        }
    }
    let referrer = window.document()?.referrer();
    let url = web_sys::Url::new(&referrer).ok()?;
    Some(url.origin())
}

/// Reports the document's height to the host whenever it changes, so the iframe never scrolls.
pub fn report_height(host: Host) -> Option<ResizeGuard> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;
    let callback = Closure::<dyn Fn()>::new(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            host.post("resize", json!({ "height": el.scroll_height() }));
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&body);
    Some(ResizeGuard {
        observer,
        _callback: callback,
    })
}

/// Keeps the resize observer alive for as long as it is held; dropping it disconnects.
pub struct ResizeGuard {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn Fn()>,
}

impl Drop for ResizeGuard {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        assert_eq!(
            parse_command(
                r#"{"type":"stitchfork:load-pattern","version":1,"data":{"id":"abc123"}}"#
            ),
            Ok(Command::LoadPattern {
                id: "abc123".into()
            })
        );
        assert_eq!(
            parse_command(r#"{"type":"stitchfork:set-locale","version":1,"data":{"locale":"sv"}}"#),
            Ok(Command::SetLocale {
                locale: "sv".into()
            })
        );
    }

    #[test]
    fn other_messages_are_refused_with_a_reason() {
        assert_eq!(
            parse_command(r#"{"type":"other:thing"}"#),
            Err(Refused::NotOurs)
        );
        assert_eq!(parse_command("42"), Err(Refused::NotOurs));
        assert_eq!(
            parse_command(r#"{"type":"stitchfork:load-pattern","version":2,"data":{"id":"a"}}"#),
            Err(Refused::Version(Some(2)))
        );
        assert_eq!(
            parse_command(r#"{"type":"stitchfork:explode","version":1}"#),
            Err(Refused::Unknown("explode".into()))
        );
        assert_eq!(
            parse_command(r#"{"type":"stitchfork:load-pattern","version":1,"data":{}}"#),
            Err(Refused::BadData("load-pattern".into(), "id"))
        );
    }

    #[test]
    fn theme_keeps_only_safe_sf_variables() {
        let vars = theme_from_json(
            r##"{"--sf-accent":"#c00","color":"red","--sf-bg":"url(https://evil)","--sf-fg":"#000;x:y","--sf-radius":"4px"}"##,
        );
        assert_eq!(
            vars,
            vec![
                ("--sf-accent".to_string(), "#c00".to_string()),
                ("--sf-radius".to_string(), "4px".to_string())
            ]
        );
        assert!(theme_from_json("not json").is_empty());
    }
}
