//! `/library` answers as Discord shows them: to the moderator who asked, one embed each.

use super::{COLOR, lines_within, notice};
use crate::commands::reply::{AddedReply, ListEntry, ListReply, RemovedReply, SharedReply};
use crate::discord::limits::{self, escape_markdown};
use crate::discord::model::{EPHEMERAL, Embed, EmbedField, EmbedFooter, MessageData};
use crate::text::{iso_date, plural, thousands};

fn ephemeral(embed: Embed) -> MessageData {
    MessageData {
        embeds: vec![embed],
        flags: Some(EPHEMERAL),
        ..MessageData::default()
    }
}

pub fn added(r: &AddedReply) -> MessageData {
    let sections = super::section_lines(&r.sections);
    let mut fields = vec![EmbedField {
        name: "Cite it as".to_string(),
        value: format!("`doc:{}`", r.doc),
        inline: true,
    }];
    if let Some(author) = &r.author {
        fields.push(EmbedField {
            name: "Author".to_string(),
            value: escape_markdown(author),
            inline: true,
        });
    }
    if let Some(date) = &r.published {
        fields.push(EmbedField {
            name: "Published".to_string(),
            value: date.to_string(),
            inline: true,
        });
    }
    let left: Vec<String> = r
        .dropped
        .iter()
        .map(|d| format!("{} × {}", d.count, d.what))
        .collect();
    if !left.is_empty() {
        fields.push(EmbedField {
            name: "Left out".to_string(),
            value: left.join("\n"),
            inline: false,
        });
    }
    ephemeral(Embed {
        title: Some(format!("📚 Added: {}", r.title)),
        url: r.url.clone(),
        description: Some(format!(
            "{} in {}:\n{}",
            plural(r.paragraphs, "paragraph", "paragraphs"),
            plural(r.sections.len(), "section", "sections"),
            lines_within(&sections, limits::DESCRIPTION - 200)
        )),
        color: Some(COLOR),
        fields,
        footer: Some(EmbedFooter {
            text: "Try /sections doc:".to_string() + &r.doc + " · /summary doc:" + &r.doc,
        }),
        ..Embed::default()
    })
}

pub fn removed(r: &RemovedReply) -> MessageData {
    notice(&format!(
        "🗑️ Removed {} ({}) from this server's library.",
        escape_markdown(&crate::text::quoted(&r.title)),
        r.doc
    ))
}

fn line(e: &ListEntry) -> String {
    let mut line = format!(
        "`{}` **{}** · {} ¶",
        e.doc,
        escape_markdown(&e.title),
        e.paragraphs
    );
    if let Some(by) = &e.added_by {
        line.push_str(&format!(" · {}", escape_markdown(by)));
    }
    if let Some(at) = e.added_at {
        line.push_str(&format!(" · {}", iso_date(at)));
    }
    line
}

pub fn list(r: &ListReply) -> MessageData {
    let own: Vec<String> = r.own.iter().map(line).collect();
    let shared: Vec<String> = r.shared.iter().map(line).collect();
    let description = if own.is_empty() {
        "No readings of this server's own yet: `/library add url:…` or `file:…` adds one."
            .to_string()
    } else {
        lines_within(&own, limits::DESCRIPTION - 100)
    };
    ephemeral(Embed {
        title: Some(format!(
            "📚 This server's readings · {} of {} · {} of {} paragraphs",
            r.documents,
            r.max_documents,
            thousands(r.paragraphs),
            thousands(r.max_paragraphs)
        )),
        description: Some(description),
        color: Some(COLOR),
        fields: vec![EmbedField {
            name: if r.shared_hidden {
                "Shared readings (hidden here: /library shared show:yes)".to_string()
            } else {
                "Shared readings".to_string()
            },
            value: if shared.is_empty() {
                "none".to_string()
            } else {
                lines_within(&shared, limits::FIELD_VALUE)
            },
            inline: false,
        }],
        ..Embed::default()
    })
}

pub fn shared(r: &SharedReply) -> MessageData {
    notice(&format!(
        "The {} {} now {} in this server's answers.",
        plural(r.documents, "shared reading", "shared readings"),
        if r.documents == 1 { "is" } else { "are" },
        if r.show { "shown" } else { "hidden" }
    ))
}

/// What the moderator sees while a change is made: the first answer, edited with the result.
/// A link is wrapped in `<…>` so Discord shows no preview of the page being imported.
pub fn working(command: &crate::commands::Command) -> MessageData {
    use crate::commands::Command;
    use crate::commands::input::{Library, Source};
    let text = match command {
        Command::Library(Library::Add(add)) => match &add.source {
            Source::Url(url) => format!("Importing <{}>…", url.replace('>', "%3E")),
            Source::Upload(upload) => format!("Importing {}…", escape_markdown(&upload.name)),
            Source::Path(path) => format!("Importing {}…", escape_markdown(path)),
        },
        Command::Library(Library::Remove { doc }) => {
            format!("Removing {}…", escape_markdown(doc))
        }
        _ => "Saving…".to_string(),
    };
    notice(&text)
}
