//! citebot: quote articles verbatim, always with their sources.
//!
//! The core — [`library`], [`search`], [`summary`], [`commands`] and the [`commands::Reply`] they
//! produce — knows nothing of Discord. Adapters (the console, the gateway bot, the HTTP
//! interactions endpoint) only move bytes and call a renderer in [`render`].

pub mod analysis;
pub mod library;
