//! The Chapter 4 view: the chapter's figures with their knobs (issue 25).

use std::path::Path;

use fantoccini::{Client, Locator};

use super::wait_for;

pub async fn check(browser: &Client, _shots: &Path) -> anyhow::Result<()> {
    browser
        .find(Locator::Id("tab-figures"))
        .await?
        .click()
        .await?;
    let url = "location.search";
    wait_for(browser, url, |v| {
        v.as_str().is_some_and(|s| s.contains("view=figures"))
    })
    .await?;
    Ok(())
}
