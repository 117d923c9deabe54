"""MNIST in NumPy for the peer benchmarks: reads and validates the four IDX files.

Each file may sit in the directory as itself (raw IDX) or gzip-compressed
with a `.gz` suffix. The IDX header is big-endian: two zero bytes, a type
byte (0x08 = unsigned byte), the number of dimensions, then one u32 size per
dimension; the data follows, one byte per element.

    images, labels, test_images, test_labels = load(directory)
    # images: (60000, 28, 28) uint8, labels: (60000,) uint8 in 0..=9
"""

import gzip
import os
import struct

import numpy as np

TRAIN_IMAGES = "train-images-idx3-ubyte"
TRAIN_LABELS = "train-labels-idx1-ubyte"
TEST_IMAGES = "t10k-images-idx3-ubyte"
TEST_LABELS = "t10k-labels-idx1-ubyte"

# magic = 0x0000 (two zero bytes), 0x08 (unsigned byte), number of dimensions
IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801
ROWS = COLS = 28


class MnistError(Exception):
    """A missing, truncated or inconsistent MNIST file; the message names it."""


def find_file(directory, name):
    """Returns the path of `name` or `name.gz` in `directory` (raw first)."""
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.isfile(path):
            return path
    raise MnistError(f"{os.path.join(directory, name)}[.gz]: no such file")


def read_idx(path, magic, ndims):
    """Reads one IDX file of unsigned bytes with `ndims` dimensions.

    Returns a uint8 array shaped as the header says; raises MnistError when
    the magic number or the length does not match.
    """
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as error:
        raise MnistError(f"{path}: cannot read: {error}") from error
    header = 4 + 4 * ndims
    if len(raw) < header:
        raise MnistError(f"{path}: {len(raw)} bytes, shorter than the {header}-byte header")
    (found,) = struct.unpack(">I", raw[:4])
    if found != magic:
        raise MnistError(f"{path}: magic 0x{found:08x}, expected 0x{magic:08x}")
    shape = struct.unpack(">" + "I" * ndims, raw[4:header])
    expected = header + int(np.prod(shape))
    if len(raw) != expected:
        raise MnistError(f"{path}: {len(raw)} bytes, expected {expected} for shape {shape}")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


def load_split(directory, images_name, labels_name):
    """Reads one (images, labels) pair and checks that they agree."""
    images_path = find_file(directory, images_name)
    labels_path = find_file(directory, labels_name)
    images = read_idx(images_path, IMAGES_MAGIC, 3)
    labels = read_idx(labels_path, LABELS_MAGIC, 1)
    if images.shape[1:] != (ROWS, COLS):
        raise MnistError(f"{images_path}: images of {images.shape[1:]}, expected ({ROWS}, {COLS})")
    if len(images) != len(labels):
        raise MnistError(f"{images_path} has {len(images)} images but {labels_path} has {len(labels)} labels")
    if len(labels) > 0 and labels.max() > 9:
        raise MnistError(f"{labels_path}: label {labels.max()}, expected 0..=9")
    return images, labels


def load(directory):
    """Returns (train_images, train_labels, test_images, test_labels), uint8.

    Images are (N, 28, 28), labels (N,). Raises MnistError naming the file
    when one is missing or invalid.
    """
    if not os.path.isdir(directory):
        raise MnistError(f"{directory}: not a directory")
    train = load_split(directory, TRAIN_IMAGES, TRAIN_LABELS)
    test = load_split(directory, TEST_IMAGES, TEST_LABELS)
    return train + test
