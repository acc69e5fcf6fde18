//! The engine on arbitrary UTF-8 with every rule on, in every language and both
//! audiences: no panic, findings inside their blocks, deterministic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plainly_readers::{Format, Limits};
use plainly_rules::{Audience, Engine, Settings};
use plainly_text::Lang;
use std::sync::OnceLock;

/// Built once: building the engine (every rule, every lexicon) per input made this target
/// run at under one input a second.
static ENGINE: OnceLock<Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut doc) = plainly_readers::read(text.as_bytes(), Format::Markdown, &Limits::default())
    else {
        return;
    };
    let engine = ENGINE.get_or_init(Engine::default);
    for lang in Lang::ALL {
        plainly_text::detect::assign_languages(&mut doc, Some(lang), lang);
        for audience in [Audience::Standard, Audience::EasyToRead] {
            let settings = Settings::with_audience(audience);
            let a = engine.check(&doc, &settings, lang);
            for f in &a.findings {
                if let Some(b) = f.block {
                    let len = doc.blocks[b].text.len();
                    assert!(f.span.end as usize <= len && f.span.start <= f.span.end);
                }
            }
            let b = engine.check(&doc, &settings, lang);
            assert_eq!(a.findings, b.findings);
        }
    }
});
