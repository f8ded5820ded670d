//! citebot: quote articles verbatim, always with their sources.
//!
//! The core — [`library`], [`search`], [`summary`], [`commands`] and the [`commands::Reply`] they
//! produce — knows nothing of Discord. Adapters (the console, the gateway bot, the HTTP
//! interactions endpoint) only move bytes and call a renderer in [`render`].

pub mod analysis;
pub mod citation;
pub mod cli;
pub mod commands;
pub mod config;
pub mod console;
pub mod discord;
pub mod engine;
pub mod fetch;
pub mod library;
pub mod logging;
pub mod render;
pub mod search;
pub mod secret;
pub mod service;
pub mod summary;
pub mod text;
pub mod verify;

pub use engine::{Engine, Settings};
