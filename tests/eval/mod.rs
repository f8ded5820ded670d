//! Measuring answer quality: ROUGE as `rouge-score` computes it, the summary baselines citebot
//! must beat (lead-k, LexRank), and the labelled test library.

#![allow(dead_code)]

pub mod baselines;
pub mod labels;
pub mod porter;
pub mod rouge;
