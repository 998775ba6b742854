//! Writes a deterministic bundle of N realistic Vietnamese news stories to a file, for the
//! load and memory benchmarks: `cargo run --release --example gen_bundle -- N OUT.json`.
//!
//! Stories are stitched from the sentences of the sample bundle (real Ngày Nay text) with a
//! fixed pseudo-random sequence, so the same N always gives the same bytes: a title, a lead,
//! 6-12 paragraphs, an image caption and 3-8 related ids, about 4.5 KB each.

use std::io::{BufWriter, Write};

#[path = "rng.rs"]
mod rng;
use rng::Rng;

/// One of `items`, at random.
fn pick<'a>(rng: &mut Rng, items: &'a [String]) -> &'a str {
    &items[rng.below(items.len())]
}

fn sentences() -> Vec<String> {
    let sample: serde_json::Value =
        serde_json::from_str(newsterm::bundle::SAMPLE).expect("the sample bundle is JSON");
    let mut out = Vec::new();
    for article in sample["articles"].as_array().into_iter().flatten() {
        let mut texts = vec![article["lead"].as_str().unwrap_or_default().to_owned()];
        for block in article["body"].as_array().into_iter().flatten() {
            texts.extend(block["text"].as_str().map(str::to_owned));
        }
        for text in texts {
            out.extend(
                text.split_inclusive(". ")
                    .map(|s| s.trim().to_owned())
                    .filter(|s| s.len() > 20),
            );
        }
    }
    out
}

fn titles() -> Vec<String> {
    let sample: serde_json::Value =
        serde_json::from_str(newsterm::bundle::SAMPLE).expect("the sample bundle is JSON");
    sample["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["title"].as_str().map(str::to_owned))
        .collect()
}

const SECTIONS: &[&str] = &[
    "Thời sự",
    "Môi trường",
    "Giáo dục",
    "Kinh tế",
    "Công nghệ",
    "Y tế",
    "Văn hóa",
];

fn paragraph(rng: &mut Rng, sentences: &[String], bytes: usize) -> String {
    let mut text = String::new();
    while text.len() < bytes {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(pick(rng, sentences));
    }
    text
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let out = args.next().unwrap_or_else(|| format!("bundle-{n}.json"));
    let sentences = sentences();
    let titles = titles();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&out)?);
    write!(
        w,
        "{{\"newsterm\": 1, \"title\": \"Ngày Nay — lưu trữ\", \"language\": \"vi\", \"articles\": ["
    )?;
    for i in 0..n {
        let title = format!("{} ({})", pick(&mut rng, &titles), i + 1);
        let day = 1 + rng.below(28);
        let month = 1 + rng.below(12);
        let paragraphs = 6 + rng.below(7);
        let mut body = vec![
            serde_json::json!({"type": "image", "caption": paragraph(&mut rng, &sentences, 60)}),
        ];
        for _ in 0..paragraphs {
            body.push(serde_json::json!({"type": "paragraph", "text": paragraph(&mut rng, &sentences, 170)}));
        }
        let mut related: Vec<String> = Vec::new();
        for _ in 0..3 + rng.below(6) {
            let id = format!("s{}", rng.below(n));
            if id != format!("s{i}") && !related.contains(&id) {
                related.push(id);
            }
        }
        let article = serde_json::json!({
            "id": format!("s{i}"),
            "title": title,
            "url": format!("https://example.org/tin/{i}"),
            "source": "Ngày Nay",
            "section": SECTIONS[rng.below(SECTIONS.len())],
            "published": format!("2025-{month:02}-{day:02}T08:00:00+07:00"),
            "lead": paragraph(&mut rng, &sentences, 200),
            "body": body,
            "related": related,
        });
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(b"\n")?;
        serde_json::to_writer(&mut w, &article)?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}
