// The Chapter 4 view: the chapter's figures with their knobs (issue 25).

export function init() {}

export function show() {}
