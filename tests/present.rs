//! The presenter's byte stream, replayed in a terminal emulator, equals a full redraw.
