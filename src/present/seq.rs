//! A short escape sequence built on the stack.
//!
//! The presenter prices several ways of doing the same thing (moving the cursor, changing
//! colours) and writes only the cheapest, so candidates are built here first and compared by
//! length; building them in the output buffer would need undoing.

/// Room for the longest sequence the presenter builds: an SGR change naming every modifier
/// and two RGB colours is under 90 bytes, a cursor move under 20.
const CAPACITY: usize = 128;

/// Bytes of one candidate sequence.
#[derive(Clone, Copy)]
pub(crate) struct Seq {
    buf: [u8; CAPACITY],
    len: usize,
}

impl Seq {
    pub(crate) const fn new() -> Self {
        Seq {
            buf: [0; CAPACITY],
            len: 0,
        }
    }

    /// Appends bytes. Nothing the presenter builds comes near `CAPACITY`; were it to, the
    /// sequence would be cut short, which `debug_assert` catches in tests.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        debug_assert!(
            end <= CAPACITY,
            "escape sequence longer than {CAPACITY} bytes"
        );
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            dst.copy_from_slice(bytes);
            self.len = end;
        }
    }

    /// Appends `n` in decimal.
    pub(crate) fn push_num(&mut self, n: u32) {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push(&digits[i..]);
    }

    /// Appends `ESC [ n final`, leaving out `n` when it is 1, the default of every sequence
    /// this is used for.
    pub(crate) fn push_csi_n(&mut self, n: u32, final_byte: u8) {
        self.push(b"\x1b[");
        if n != 1 {
            self.push_num(n);
        }
        self.push(&[final_byte]);
    }

    pub(crate) fn append(&mut self, other: &Seq) {
        self.push(other.as_bytes());
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

impl std::fmt::Debug for Seq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(seq: &Seq) -> String {
        String::from_utf8(seq.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn numbers_in_decimal() {
        for (n, want) in [
            (0, "0"),
            (7, "7"),
            (10, "10"),
            (255, "255"),
            (u32::MAX, "4294967295"),
        ] {
            let mut s = Seq::new();
            s.push_num(n);
            assert_eq!(text(&s), want);
        }
    }

    #[test]
    fn csi_leaves_out_a_parameter_of_one() {
        let mut s = Seq::new();
        s.push_csi_n(1, b'C');
        s.push_csi_n(12, b'B');
        assert_eq!(text(&s), "\x1b[C\x1b[12B");
        assert_eq!(s.len(), 8);
    }

    #[test]
    fn append_and_empty() {
        let mut a = Seq::new();
        assert_eq!(a.as_bytes(), b"");
        let mut b = Seq::new();
        b.push(b"xy");
        a.append(&b);
        a.append(&b);
        assert_eq!(text(&a), "xyxy");
    }
}
