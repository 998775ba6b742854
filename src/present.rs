//! Sends frames to the terminal in as few bytes as possible (work in progress).
