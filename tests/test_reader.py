import pytest

from gazette.problems import ConversionError
from gazette.reader import decode, split_lines

SAMPLE = "盘锦市人民政府公报\n盘政发〔2024〕1号\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_decode_reads_the_three_encodings(encoding):
    text, _ = decode(SAMPLE.encode(encoding), "x.txt")
    assert text == SAMPLE


@pytest.mark.parametrize("data, code", [
    (b"", "empty-file"),
    (b"  \n\n", "empty-file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "format-not-read"),
    (b"\x07\x00\x13\x00garbage\x00\x00\x01", "binary-file"),
    ("Grüße aus Köln, a Latin-1 text".encode("latin-1"), "unknown-encoding"),
])
def test_decode_rejects_what_is_not_text_with_a_named_problem(data, code):
    with pytest.raises(ConversionError) as error:
        decode(data, "bad.txt")
    assert error.value.problem.code == code
    assert str(error.value.problem).startswith("bad.txt:")


def test_split_lines_numbers_lines_and_normalises_endings():
    lines = split_lines("一\r\n二\r三\n")
    assert [(l.no, l.text) for l in lines] == [(1, "一"), (2, "二"), (3, "三")]
