//! A document's bytes as text: UTF-8, or the character set the page or the server declares.
//! Anything else is refused with the line where it stops making sense, never guessed at.

use std::borrow::Cow;

use encoding_rs::Encoding;

use super::Format;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingError {
    /// 1-based line where the text stops being valid, when known.
    pub line: Option<usize>,
    pub message: String,
}

/// Decodes `bytes`. `declared` is the charset a server sent with them (`Content-Type`); an HTML
/// page may also declare its own in a `<meta>` tag. A byte-order mark wins over both.
pub fn decode<'a>(
    bytes: &'a [u8],
    format: Format,
    declared: Option<&str>,
) -> Result<Cow<'a, str>, EncodingError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return strict(encoding, &bytes[bom..]).ok_or_else(|| invalid(bytes, encoding.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let label = declared.map(str::to_string).or_else(|| {
        (format == Format::Html)
            .then(|| meta_charset(bytes))
            .flatten()
    });
    match label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
    {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            strict(encoding, bytes).ok_or_else(|| invalid(bytes, encoding.name()))
        }
        _ => Err(invalid(bytes, "UTF-8")),
    }
}

fn strict<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    encoding.decode_without_bom_handling_and_without_replacement(bytes)
}

fn invalid(bytes: &[u8], charset: &str) -> EncodingError {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    EncodingError {
        line: Some(line),
        message: if charset == "UTF-8" {
            "not UTF-8 text, and no other character set is declared: save the file as UTF-8"
                .to_string()
        } else {
            format!("not valid {charset} text, as it declares: save the file as UTF-8")
        },
    }
}

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` within
/// the first 2 KiB, where browsers look for it.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head: String = bytes
        .iter()
        .take(2048)
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_declared_and_refused() {
        assert_eq!(
            decode("é".as_bytes(), Format::Text, None).as_deref(),
            Ok("é")
        );
        let latin1 = b"<meta charset=\"windows-1252\"><p>caf\xe9</p>";
        assert_eq!(
            decode(latin1, Format::Html, None).as_deref(),
            Ok("<meta charset=\"windows-1252\"><p>café</p>")
        );
        assert_eq!(
            decode(b"caf\xe9", Format::Text, Some("iso-8859-1")).as_deref(),
            Ok("café")
        );
        let refused = decode(b"line one\ncaf\xe9", Format::Text, None);
        assert!(matches!(refused, Err(EncodingError { line: Some(2), .. })));
        let bom = b"\xef\xbb\xbfhello";
        assert_eq!(decode(bom, Format::Text, None).as_deref(), Ok("hello"));
    }
}
