//! Helpers shared by the end-to-end test programs (`mod common;` in each that needs them).
#![allow(dead_code)]

/// A PDF file of `objects` (object 1 is the catalogue): header, objects, cross-reference
/// table and trailer with correct byte offsets.
pub fn pdf_file(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A project lexicon file with one French entry (« guichet unique » → « bureau d'accueil »).
pub const TEAM_LEXICON: &str = r#"lang = "fr"

[[entry]]
id = "guichet-unique"
forms = ["guichet unique", "guichets uniques"]
alternatives = ["bureau d'accueil"]
explanation = "Chez nous, on dit « bureau d'accueil »."
category = "cliche"
severity = "warning"
status = "accepted"
proposed_by = "case handler"
reviewed_by = ["expert by experience"]
date = "2026-11-25"
example = "Adressez-vous au guichet unique."
"#;
