"""Makes the HDF5 and .npz test inputs of DataFilesFormatsTest once (h5py 3.16, NumPy 2.4; checksummed.h5:
h5py 3.7).
Run from this folder: python3 make_inputs.py. Values: row r, column c holds r + c / 10."""
import numpy as np, h5py
a = np.array([[r + c / 10 for c in range(3)] for r in range(5)])
with h5py.File("sample.h5", "w") as f:
    f["plain64"] = a                                   # contiguous float64
    f.create_dataset("/group/chunked32", data=a.astype(np.float32), chunks=(2, 3), compression="gzip")
    f["vector"] = a[:, 0]                              # 1-D: one column
    f["ints"] = (10 * a).astype(np.int32)              # integers: read as numbers
    f["cube"] = np.zeros((2, 2, 2))                    # 3-D: refused
    f["text"] = np.array([b"a", b"b"])                 # not numeric: refused
    bad = a.copy(); bad[3, 1] = np.nan
    f["withnan"] = bad                                 # NaN at row 3, column 1
with h5py.File("single.h5", "w") as f:
    f["/only/data"] = a
np.savez("sample.npz", first=a, second=a.astype(np.float32).T)
np.savez_compressed("single_compressed.npz", a)       # one array, named arr_0
# Fletcher-32 checksums (h5py 3.7): "good" reads as the sample; in "damaged" one bit of its first
# chunk's data is flipped after writing, so its stored checksum no longer matches. "bigint" holds
# 2^24 + 1 at row 1, column 2, which float32 cannot hold.
with h5py.File("checksummed.h5", "w") as f:
    for name in ("good", "damaged"):
        f.create_dataset(name, data=a.astype(np.float32), chunks=(2, 3), fletcher32=True)
    f["bigint"] = np.array([[1, 2, 3], [4, 5, 2**24 + 1]], dtype=np.int64)
    offset = f["damaged"].id.get_chunk_info(0).byte_offset
with open("checksummed.h5", "r+b") as f:
    f.seek(offset + 5)
    byte = f.read(1)[0]
    f.seek(offset + 5)
    f.write(bytes([byte ^ 0x10]))
# Structural edge cases (h5py 3.7): datasets never written (contiguous and chunked: no storage is
# allocated), one with no rows, unsigned 64-bit integers (small ones read; 2^63 + 5 refused), a group
# that holds itself (hard-link cycle: /g/back is /g), a soft link to itself and one to nothing.
with h5py.File("edge.h5", "w") as f:
    f.create_dataset("unwritten", shape=(5, 3), dtype="f4")
    f.create_dataset("unwritten_chunked", shape=(5, 3), dtype="f4", chunks=(2, 3))
    f["norows"] = np.zeros((0, 3))
    f["uint64"] = (10 * a).astype(np.uint64)
    f["uint64big"] = np.array([[1, 2, 3], [4, 5, 2**63 + 5]], dtype=np.uint64)
    g = f.create_group("g")
    g["data"] = a
    g["back"] = g
    f["loop"] = h5py.SoftLink("/loop")
    f["dangling"] = h5py.SoftLink("/nowhere")
# A chunked dataset whose writer stopped after the first chunk (rows 0-1 of chunks of 2 rows):
# HDF5 would read rows 2-4 as zeros.
with h5py.File("edge.h5", "a") as f:
    d = f.create_dataset("partial", shape=(5, 3), dtype="f4", chunks=(2, 3))
    d[0:2] = a[0:2]
# Links and storage outside the file (h5py 3.7): an external link to sample.h5's /plain64 (followed
# when sample.h5 lies beside it), and a dataset whose data live in an external raw file, which jhdf
# does not read (the raw file is not shipped: jhdf refuses the file before looking for it).
with h5py.File("linked.h5", "w") as f:
    f["link"] = h5py.ExternalLink("sample.h5", "/plain64")
    f["plain"] = a
with h5py.File("external.h5", "w") as f:
    f.create_dataset("outside", shape=(5, 3), dtype="f8", external=[("outside.bin", 0, 120)])
    f["plain"] = a
# Other filters (h5py 3.7): LZF (h5py's own filter, common in HEP files), and gzip after the byte
# shuffle; both read as the sample, with nothing printed.
with h5py.File("filters.h5", "w") as f:
    f.create_dataset("lzf", data=a.astype(np.float32), chunks=(2, 3), compression="lzf")
    f.create_dataset("shuffled", data=a, chunks=(2, 3), compression="gzip", shuffle=True)
