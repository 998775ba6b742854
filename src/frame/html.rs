//! A frame as an HTML page: each row a line of a `<pre>`, each run a `<span>` in its
//! colours and styles, links as links.

use ratatui::style::Modifier;

use super::svg::{CELL_HEIGHT, escape};
use super::{Frame, palette};

/// Frames one after another on one page, each with what was pressed before it.
pub fn document(frames: &[Frame]) -> String {
    let (cols, rows) = frames.first().map_or((0, 0), Frame::size);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>newsterm {cols}x{rows}</title>\n<style>\n\
         body{{background:#111;margin:1em}}\n\
         pre{{background:{};color:{};font-family:'DejaVu Sans Mono',Menlo,Consolas,\
         'Liberation Mono',monospace;font-size:15px;line-height:{CELL_HEIGHT}px;\
         display:inline-block;margin:0 0 1em 0}}\n\
         pre a{{color:inherit}}\nfigcaption{{color:#aaa;font-family:sans-serif}}\n\
         </style>\n</head>\n<body>\n",
        palette::BACKGROUND,
        palette::FOREGROUND
    );
    for (n, frame) in frames.iter().enumerate() {
        out.push_str("<figure>\n");
        if frames.len() > 1 {
            out.push_str(&format!(
                "<figcaption>frame {} after: {}</figcaption>\n",
                n + 1,
                escape(frame.keys())
            ));
        }
        out.push_str("<pre>");
        for runs in frame.rows() {
            for run in &runs {
                span(run, &mut out);
            }
            out.push('\n');
        }
        out.push_str("</pre>\n</figure>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn span(run: &super::Run, out: &mut String) {
    let modifiers = run.style.add_modifier - run.style.sub_modifier;
    let mut css = String::new();
    let (fg, bg) = palette::drawn(run.style);
    if fg != palette::FOREGROUND {
        css.push_str(&format!("color:{fg};"));
    }
    if bg != palette::BACKGROUND {
        css.push_str(&format!("background:{bg};"));
    }
    for (modifier, rule) in [
        (Modifier::BOLD, "font-weight:bold;"),
        (Modifier::ITALIC, "font-style:italic;"),
        (Modifier::DIM, "opacity:0.6;"),
        (Modifier::UNDERLINED, "text-decoration:underline;"),
        (Modifier::CROSSED_OUT, "text-decoration:line-through;"),
        (Modifier::HIDDEN, "visibility:hidden;"),
    ] {
        if modifiers.contains(modifier) {
            css.push_str(rule);
        }
    }
    let text = escape(&run.text);
    let inner = match &run.link {
        Some(link) => format!("<a href=\"{}\">{text}</a>", escape(link)),
        None => text,
    };
    if css.is_empty() {
        out.push_str(&inner);
    } else {
        out.push_str(&format!("<span style=\"{css}\">{inner}</span>"));
    }
}
