//! The Discord adapters. [`render`] is the one renderer from a command's outcome to Discord
//! messages; [`interaction`] decides what any interaction calls for; [`gateway`] (serenity) and
//! the HTTP endpoint only carry bytes between Discord and those two.

pub mod custom_id;
pub mod definitions;
pub mod endpoint;
pub mod gateway;
pub mod interaction;
pub mod limits;
pub mod model;
pub mod render;
pub mod rest;
