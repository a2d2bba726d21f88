//! A 200 MB notebook of images, streamed to disk. Shared by `read_notebooks` (loading
//! it) and the `peak_memory` test binary (what `pyarch check` holds while reading it).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

pub const BIG_BYTES: usize = 200_000_000;

/// `images.ipynb` in `dir`: 200 code cells with one image each, at least
/// [`BIG_BYTES`] in all. Returns its path and size.
pub fn write_big_image_notebook(dir: &Path) -> (std::path::PathBuf, u64) {
    let path = dir.join("images.ipynb");
    let cells = 200;
    write_image_notebook(&path, cells, BIG_BYTES / cells);
    let size = fs::metadata(&path).unwrap().len();
    assert!(size >= BIG_BYTES as u64, "{size}");
    (path, size)
}

/// Streams a notebook of `cells` code cells, each with one `image/png` display output of
/// `png_len` base64 characters.
pub fn write_image_notebook(path: &Path, cells: usize, png_len: usize) {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let png: Vec<u8> = (0..png_len).map(|i| B64[(i * 7 + i / 64) % 64]).collect();
    let mut w = BufWriter::new(fs::File::create(path).unwrap());
    w.write_all(b"{\n \"cells\": [\n").unwrap();
    for i in 0..cells {
        if i > 0 {
            w.write_all(b",\n").unwrap();
        }
        write!(
            w,
            r#"  {{"cell_type": "code", "execution_count": {n}, "id": "c{i}", "metadata": {{}},
   "source": ["plt.plot(x{i})\n", "plt.show()"],
   "outputs": [{{"output_type": "display_data", "metadata": {{}}, "data": {{"text/plain": ["<Figure size 640x480 with 1 Axes>"], "image/png": ""#,
            n = i + 1
        )
        .unwrap();
        w.write_all(&png).unwrap();
        w.write_all(b"\"}}]}").unwrap();
    }
    w.write_all(
        br#"
 ],
 "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
"#,
    )
    .unwrap();
    w.into_inner().unwrap().sync_all().unwrap();
}
