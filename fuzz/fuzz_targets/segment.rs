//! Fuzz the way every file of a corpus goes: decode, then segment. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = ressearch::segment::segment_bytes(bytes, Some("A_RES_1_1"));
    if let Ok((text, _warning)) = ressearch::corpus::decode(bytes) {
        let _ = ressearch::segment::segment_text(&text, None);
    }
});
