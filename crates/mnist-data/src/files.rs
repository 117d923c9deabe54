//! The four files of the MNIST database: their names, and the SHA-256 and
//! length of their decompressed content as published.

/// One of the four files of the MNIST database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MnistFile {
    /// 60,000 training images, `[60000, 28, 28]` unsigned bytes.
    TrainImages,
    /// 60,000 training labels, `[60000]` unsigned bytes.
    TrainLabels,
    /// 10,000 test images, `[10000, 28, 28]` unsigned bytes.
    TestImages,
    /// 10,000 test labels, `[10000]` unsigned bytes.
    TestLabels,
}

impl MnistFile {
    /// The four files, in download order.
    pub const ALL: [Self; 4] = [
        Self::TrainImages,
        Self::TrainLabels,
        Self::TestImages,
        Self::TestLabels,
    ];

    /// The training set: images and labels.
    pub const TRAIN: [Self; 2] = [Self::TrainImages, Self::TrainLabels];

    /// The test set: images and labels.
    pub const TEST: [Self; 2] = [Self::TestImages, Self::TestLabels];

    /// The published name, without `.gz`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::TrainImages => "train-images-idx3-ubyte",
            Self::TrainLabels => "train-labels-idx1-ubyte",
            Self::TestImages => "t10k-images-idx3-ubyte",
            Self::TestLabels => "t10k-labels-idx1-ubyte",
        }
    }

    /// The pinned SHA-256 of the decompressed content, in hexadecimal (the
    /// published MNIST files; a gzip wrapper's own bytes differ between
    /// mirrors, so only the content is pinned).
    pub const fn sha256_hex(self) -> &'static str {
        match self {
            Self::TrainImages => "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            Self::TrainLabels => "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            Self::TestImages => "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            Self::TestLabels => "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        }
    }

    /// The IDX magic number the content starts with: two zero bytes, 0x08
    /// (unsigned bytes), then 3 dimensions for images, 1 for labels.
    pub fn magic(self) -> [u8; 4] {
        match self {
            Self::TrainImages | Self::TestImages => [0, 0, 0x08, 3],
            Self::TrainLabels | Self::TestLabels => [0, 0, 0x08, 1],
        }
    }

    /// Length of the decompressed content in bytes (header and payload).
    pub fn content_len(self) -> u64 {
        match self {
            Self::TrainImages => 16 + 60_000 * 784,
            Self::TrainLabels => 8 + 60_000,
            Self::TestImages => 16 + 10_000 * 784,
            Self::TestLabels => 8 + 10_000,
        }
    }
}
