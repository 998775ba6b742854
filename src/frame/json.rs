//! Frames as JSON: the document `docs/frames.md` describes and `docs/frames.schema.json`
//! checks. Fields are only ever added within a version; anything else raises it.

use ratatui::style::Modifier;
use serde_json::{Map, Value, json};

use super::{Frame, palette};

/// The version of the JSON document, raised when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON document of `frames`, in order.
pub fn document(frames: &[Frame]) -> Value {
    json!({
        "format": "newsterm-frames",
        "version": SCHEMA_VERSION,
        "frames": frames.iter().map(frame).collect::<Vec<_>>(),
    })
}

/// One frame as JSON.
pub fn frame(frame: &Frame) -> Value {
    let (cols, rows) = frame.size();
    let lines: Vec<Value> = frame
        .rows()
        .iter()
        .map(|runs| Value::Array(runs.iter().map(run).collect()))
        .collect();
    let regions: Vec<Value> = frame
        .regions()
        .iter()
        .map(|r| {
            json!({
                "name": r.name,
                "x": r.area.x,
                "y": r.area.y,
                "width": r.area.width,
                "height": r.area.height,
                "focused": r.focused,
            })
        })
        .collect();
    let cursor = frame.cursor().map_or(
        Value::Null,
        |c| json!({"x": c.x, "y": c.y, "visible": c.visible}),
    );
    let mut out = json!({
        "keys": frame.keys(),
        "cols": cols,
        "rows": rows,
        "cursor": cursor,
        "panes": regions,
        "lines": lines,
    });
    if let (Some(bytes), Some(map)) = (frame.bytes(), out.as_object_mut()) {
        map.insert("bytes".into(), json!(bytes));
    }
    out
}

/// The modifiers as JSON names them, each a `true` field of a run when set.
const MODIFIERS: [(Modifier, &str); 8] = [
    (Modifier::BOLD, "bold"),
    (Modifier::DIM, "dim"),
    (Modifier::ITALIC, "italic"),
    (Modifier::UNDERLINED, "underline"),
    (Modifier::SLOW_BLINK, "blink"),
    (Modifier::REVERSED, "reverse"),
    (Modifier::HIDDEN, "hidden"),
    (Modifier::CROSSED_OUT, "strike"),
];

fn run(run: &super::Run) -> Value {
    let mut map = Map::new();
    map.insert("x".into(), json!(run.x));
    map.insert("width".into(), json!(run.width));
    map.insert("text".into(), json!(run.text));
    map.insert("fg".into(), json!(palette::name(run.style.fg)));
    map.insert("bg".into(), json!(palette::name(run.style.bg)));
    let modifiers = run.style.add_modifier - run.style.sub_modifier;
    for (modifier, name) in MODIFIERS {
        // A rapid blink is a blink.
        let set = modifiers.contains(modifier)
            || (modifier == Modifier::SLOW_BLINK && modifiers.contains(Modifier::RAPID_BLINK));
        if set {
            map.insert(name.into(), Value::Bool(true));
        }
    }
    if let Some(link) = &run.link {
        map.insert("link".into(), json!(link));
    }
    Value::Object(map)
}

/// `value` as text: indented down to each row of runs, which stays on one line, so a
/// frame reads (and diffs) row by row.
pub fn to_text(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, &mut out);
    out.push('\n');
    out
}

/// Containers deeper than this are written on one line.
const INDENTED: usize = 4;

fn write(value: &Value, depth: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    let compact = |v: &Value| serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned());
    match value {
        Value::Array(items) if depth < INDENTED && !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                write(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::Object(map) if depth < INDENTED && !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&compact(&Value::String(key.clone())));
                out.push_str(": ");
                write(item, depth + 1, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        other => out.push_str(&compact(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_stay_on_one_line() {
        let value = json!({"frames": [{"lines": [[{"x": 0, "text": "a"}], []]}]});
        let text = to_text(&value);
        assert!(
            text.contains("\n        [{\"text\":\"a\",\"x\":0}],\n"),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }
}
