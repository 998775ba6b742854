//! HTML from feed descriptions and content, turned into the bundle's blocks.
