//! The smallest PNG encoder the pictures need: 8-bit RGB, no interlace,
//! every row unfiltered, the image data zlib-compressed (PNG spec,
//! ISO/IEC 15948: signature, IHDR, IDAT, IEND, each chunk CRC-32'd), and
//! the `data:` URI that embeds it in an SVG `<image>`.

use std::io::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use flate2::Compression;
use flate2::Crc;
use flate2::write::ZlibEncoder;
use plotters::style::RGBColor;

/// The `data:image/png;base64,...` URI of [`rgb`]'s PNG, for an SVG
/// `<image href>`.
///
/// # Panics
/// If `pixels` does not hold `width * height` colours.
pub fn data_uri(width: u32, height: u32, pixels: &[RGBColor]) -> String {
    format!(
        "data:image/png;base64,{}",
        STANDARD.encode(rgb(width, height, pixels))
    )
}

/// The PNG file of a `width x height` image of RGB `pixels`, row-major.
///
/// # Panics
/// If `pixels` does not hold `width * height` colours.
pub fn rgb(width: u32, height: u32, pixels: &[RGBColor]) -> Vec<u8> {
    let (w, h) = (width as usize, height as usize);
    assert_eq!(
        pixels.len(),
        w * h,
        "png::rgb: {} pixels for a {width}x{height} image",
        pixels.len()
    );
    let mut raw = Vec::with_capacity(h * (1 + 3 * w));
    for row in pixels.chunks(w.max(1)) {
        raw.push(0); // filter type 0: none
        for &RGBColor(r, g, b) in row {
            raw.extend([r, g, b]);
        }
    }
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = zlib.write_all(&raw);
    let idat = zlib.finish().unwrap_or_default();

    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    // bit depth 8, colour type 2 (RGB), deflate, adaptive filters, no interlace
    ihdr.extend([8, 2, 0, 0, 0]);

    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    for (kind, data) in [(b"IHDR", ihdr), (b"IDAT", idat), (b"IEND", Vec::new())] {
        let length = u32::try_from(data.len()).unwrap_or(u32::MAX);
        png.extend(length.to_be_bytes());
        let mut crc = Crc::new();
        crc.update(kind);
        crc.update(&data);
        png.extend(kind);
        png.extend(data);
        png.extend(crc.sum().to_be_bytes());
    }
    png
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn a_png_holds_its_size_and_its_pixels() {
        let pixels = [
            RGBColor(255, 0, 0),
            RGBColor(0, 255, 0),
            RGBColor(0, 0, 255),
            RGBColor(9, 9, 9),
            RGBColor(1, 2, 3),
            RGBColor(4, 5, 6),
        ];
        let png = rgb(3, 2, &pixels);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(png[16..24], [0, 0, 0, 3, 0, 0, 0, 2]);
        // The IHDR CRC of a 3x2 RGB image, as zlib.crc32 computes it.
        let mut crc = Crc::new();
        crc.update(&png[12..29]);
        assert_eq!(png[29..33], crc.sum().to_be_bytes());
        let idat_len = u32::from_be_bytes([png[33], png[34], png[35], png[36]]) as usize;
        assert_eq!(&png[37..41], b"IDAT");
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(&png[41..41 + idat_len])
            .read_to_end(&mut raw)
            .expect("the data inflates");
        assert_eq!(
            raw,
            [
                0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 9, 9, 9, 1, 2, 3, 4, 5, 6
            ]
        );
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]));
        assert!(data_uri(3, 2, &pixels).starts_with("data:image/png;base64,iVBORw0KGgo"));
    }
}
