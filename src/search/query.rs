//! The query language users type into `/quote`: words, "phrases", AND / OR / NOT, `-word`,
//! `+word` and parentheses.
//!
//! This parser replaces tantivy's on purpose: tantivy 0.27's grammar recurses once per nesting
//! level, and a few hundred unclosed `(` overflow a 2 MiB thread stack — an abort that no
//! `catch_unwind` stops. Here nesting is capped at [`MAX_DEPTH`], modifiers are folded in a loop,
//! and any syntax error falls back to plain words, so no input can hurt the process or reach the
//! user as an error.

/// How deep parentheses may nest before the query is read as plain words.
pub const MAX_DEPTH: usize = 32;

/// Longest query this parser reads, in characters; the rest is ignored. The `/quote` option
/// already rejects anything over 200 characters with a clear message; this is the backstop.
pub const MAX_CHARS: usize = 200;

/// A parsed query. Words are raw text: the analyzer turns them into terms later, and a word
/// that yields several terms ("US-Russia", "Trump’s") is matched as a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Word(String),
    Phrase(String),
    Group { op: Op, clauses: Vec<Clause> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Any clause may match; more matches rank higher. Also the meaning of plain juxtaposition.
    Or,
    And,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    None,
    /// `+word`: must match.
    Required,
    /// `-word` or `NOT word`: must not match.
    Excluded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub modifier: Modifier,
    pub node: Node,
}

/// Why a query was read as plain words instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxError {
    #[error("a quotation mark is not closed")]
    UnclosedQuote,
    #[error("a parenthesis is not balanced")]
    Unbalanced,
    #[error("parentheses nest deeper than {MAX_DEPTH}")]
    TooDeep,
    #[error("{0} has nothing on one side")]
    DanglingOperator(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Phrase(String),
    Open,
    Close,
    And,
    Or,
    Not,
    Plus,
    Minus,
}

/// Parses a query; on any syntax error, reads it as plain words (never fails).
pub fn parse(input: &str) -> Node {
    let input = clip(input);
    parse_strict(input).unwrap_or_else(|_| plain_words(input))
}

/// Parses a query, reporting syntax errors (for tests and diagnostics).
pub fn parse_strict(input: &str) -> Result<Node, SyntaxError> {
    let tokens = lex(clip(input))?;
    let mut parser = Parser { tokens, pos: 0 };
    let node = parser.or_expr(0)?;
    if parser.pos < parser.tokens.len() {
        return Err(SyntaxError::Unbalanced);
    }
    Ok(node)
}

/// Every whitespace-separated word, any of them may match: the fallback reading.
pub fn plain_words(input: &str) -> Node {
    Node::Group {
        op: Op::Or,
        clauses: clip(input)
            .split_whitespace()
            .map(|w| Clause {
                modifier: Modifier::None,
                node: Node::Word(w.to_string()),
            })
            .collect(),
    }
}

fn clip(input: &str) -> &str {
    match input.char_indices().nth(MAX_CHARS) {
        Some((i, _)) => &input[..i],
        None => input,
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '”')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '“')
}

fn lex(input: &str) -> Result<Vec<Tok>, SyntaxError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if is_open_quote(c) {
            chars.next();
            let start = i + c.len_utf8();
            let mut end = None;
            for (j, d) in chars.by_ref() {
                if is_close_quote(d) {
                    end = Some(j);
                    break;
                }
            }
            let end = end.ok_or(SyntaxError::UnclosedQuote)?;
            tokens.push(Tok::Phrase(input[start..end].to_string()));
        } else if c == '(' {
            chars.next();
            tokens.push(Tok::Open);
        } else if c == ')' {
            chars.next();
            tokens.push(Tok::Close);
        } else if (c == '-' || c == '+')
            && input[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| !n.is_whitespace())
        {
            chars.next();
            tokens.push(if c == '-' { Tok::Minus } else { Tok::Plus });
        } else {
            let start = i;
            let mut end = input.len();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || d == '(' || d == ')' || is_open_quote(d) {
                    end = j;
                    break;
                }
                chars.next();
            }
            let word = &input[start..end];
            tokens.push(match word {
                "AND" | "&&" => Tok::And,
                "OR" | "||" => Tok::Or,
                "NOT" => Tok::Not,
                _ => Tok::Word(word.to_string()),
            });
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn or_expr(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let mut clauses = vec![self.and_expr(depth)?];
        loop {
            match self.peek() {
                None | Some(Tok::Close) => break,
                Some(Tok::Or) => {
                    self.pos += 1;
                    if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                        return Err(SyntaxError::DanglingOperator("OR"));
                    }
                }
                Some(_) => {}
            }
            clauses.push(self.and_expr(depth)?);
        }
        Ok(group(Op::Or, clauses))
    }

    fn and_expr(&mut self, depth: usize) -> Result<Clause, SyntaxError> {
        let mut clauses = vec![self.unary(depth)?];
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                return Err(SyntaxError::DanglingOperator("AND"));
            }
            clauses.push(self.unary(depth)?);
        }
        if clauses.len() == 1 {
            return Ok(clauses.remove(0));
        }
        Ok(Clause {
            modifier: Modifier::None,
            node: Node::Group {
                op: Op::And,
                clauses,
            },
        })
    }

    /// Modifiers are folded in a loop, not by recursion: "- - - - x" cannot deepen the stack.
    fn unary(&mut self, depth: usize) -> Result<Clause, SyntaxError> {
        let mut modifier = Modifier::None;
        loop {
            match self.peek() {
                Some(Tok::Minus | Tok::Not) => modifier = Modifier::Excluded,
                Some(Tok::Plus) if modifier == Modifier::None => modifier = Modifier::Required,
                Some(Tok::Plus) => {}
                _ => break,
            }
            self.pos += 1;
        }
        let node = match self.tokens.get(self.pos).cloned() {
            Some(Tok::Word(w)) => {
                self.pos += 1;
                Node::Word(w)
            }
            Some(Tok::Phrase(p)) => {
                self.pos += 1;
                Node::Phrase(p)
            }
            Some(Tok::Open) => {
                if depth + 1 > MAX_DEPTH {
                    return Err(SyntaxError::TooDeep);
                }
                self.pos += 1;
                if self.peek() == Some(&Tok::Close) {
                    // "()" holds nothing: an empty group, which matches nothing on its own.
                    self.pos += 1;
                    Node::Group {
                        op: Op::Or,
                        clauses: Vec::new(),
                    }
                } else {
                    let inner = self.or_expr(depth + 1)?;
                    if self.peek() != Some(&Tok::Close) {
                        return Err(SyntaxError::Unbalanced);
                    }
                    self.pos += 1;
                    inner
                }
            }
            Some(Tok::And) => return Err(SyntaxError::DanglingOperator("AND")),
            Some(Tok::Or) => return Err(SyntaxError::DanglingOperator("OR")),
            Some(Tok::Close) | None => return Err(SyntaxError::Unbalanced),
            Some(Tok::Not | Tok::Minus | Tok::Plus) => return Err(SyntaxError::Unbalanced),
        };
        Ok(Clause { modifier, node })
    }
}

/// Words only, any of which may match: no phrase, operator or exclusion whose meaning a
/// broadened query could bypass.
pub fn is_plain(node: &Node) -> bool {
    match node {
        Node::Word(_) => true,
        Node::Phrase(_) => false,
        Node::Group { op, clauses } => {
            *op == Op::Or
                && clauses
                    .iter()
                    .all(|c| c.modifier == Modifier::None && matches!(c.node, Node::Word(_)))
        }
    }
}

/// A group of one plain clause is that clause.
fn group(op: Op, mut clauses: Vec<Clause>) -> Node {
    if clauses.len() == 1 && clauses[0].modifier == Modifier::None {
        return clauses.remove(0).node;
    }
    Node::Group { op, clauses }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Clause {
        Clause {
            modifier: Modifier::None,
            node: Node::Word(w.into()),
        }
    }

    #[test]
    fn words_phrases_and_operators() {
        assert_eq!(parse_strict("nato"), Ok(Node::Word("nato".into())));
        assert_eq!(
            parse_strict("“hot peace”"),
            Ok(Node::Phrase("hot peace".into()))
        );
        assert_eq!(
            parse_strict("china -russia"),
            Ok(Node::Group {
                op: Op::Or,
                clauses: vec![
                    word("china"),
                    Clause {
                        modifier: Modifier::Excluded,
                        node: Node::Word("russia".into())
                    }
                ]
            })
        );
        assert_eq!(
            parse_strict("nato AND china"),
            Ok(Node::Group {
                op: Op::And,
                clauses: vec![word("nato"), word("china")]
            })
        );
        assert!(parse_strict("(nato OR china) AND -russia").is_ok());
        assert!(parse_strict("US-Russia").is_ok());
    }

    #[test]
    fn syntax_errors_become_plain_words() {
        for bad in [
            "\"hot peace",
            "(nato",
            "nato)",
            "AND nato",
            "nato OR",
            "nato AND AND china",
        ] {
            assert!(parse_strict(bad).is_err(), "{bad}");
            assert!(matches!(parse(bad), Node::Group { op: Op::Or, .. }));
        }
    }

    #[test]
    fn nesting_is_capped_without_recursing_deeper() {
        let deep = format!("{}nato{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(parse_strict(&deep).is_ok());
        let too_deep = format!(
            "{}nato{}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(parse_strict(&too_deep), Err(SyntaxError::TooDeep));
        let hostile = "(".repeat(5000);
        assert!(matches!(parse(&hostile), Node::Group { .. }));
    }

    #[test]
    fn long_input_is_clipped() {
        let long = "word ".repeat(1000);
        let Node::Group { clauses, .. } = parse(&long) else {
            panic!("expected a group");
        };
        assert_eq!(clauses.len(), MAX_CHARS / 5);
    }
}
